import { expect, test } from "@playwright/test";

// The graph explorer: open it from an organisation, follow a node, filter,
// find a path, and share the address of the view.

async function hydrated(page) {
  await page.waitForFunction(() => (window as any).__sosHydrated === true);
}

test("explore the network from an organisation, filter, find a path and share the view", async ({ page }) => {
  await page.goto("/organisations/omct");
  await page.getByRole("link", { name: "Explore in the graph" }).click();
  await expect(page).toHaveURL(/\/graph\?start=organisation:omct&depth=2/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The network as a graph");
  const canvas = page.locator("#graph-canvas");
  await expect(canvas).toBeVisible();
  await expect(canvas.locator(".node.start")).toHaveCount(1);
  const nodes = await canvas.locator(".node").count();
  expect(nodes).toBeGreaterThan(10);
  await hydrated(page);

  // Zoom changes the view box, and "whole picture" restores it.
  const before = await canvas.getAttribute("viewBox");
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(canvas).not.toHaveAttribute("viewBox", before!);
  await page.getByRole("button", { name: "Whole picture" }).click();
  await expect(canvas).toHaveAttribute("viewBox", before!);

  // Filter: hide countries.
  await page.getByLabel("Country", { exact: true }).check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/hide=country/);
  await expect(canvas.locator(".node-country")).toHaveCount(0);
  // Drawn, not only present: the page was rendered in the browser this time.
  await expect(canvas.locator(".node.start circle")).toBeVisible();
  await expect(canvas.locator("line").first()).toBeVisible();

  // Follow a node: the explorer starts again from it.
  const other = canvas.locator("a.node:not(.start)").first();
  const target = (await other.getAttribute("href"))!;
  const key = /start=([^&]+)/.exec(target)![1];
  await other.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`start=${key}`));
  await expect(page).toHaveURL(/hide=country/);
  await expect(page.locator("#graph-canvas .node.start")).toHaveCount(1);
  await expect(page.locator("#graph-canvas .node.start circle")).toBeVisible();

  // Path from a defender to the organisation behind her trial observation.
  await page.goto("/graph?start=person:eren-keskin&depth=2");
  await page.getByLabel("Shortest path to").selectOption({ label: "World Organisation Against Torture" });
  await page.getByRole("button", { name: "Apply" }).click();
  const paths = page.locator("section", { hasText: "Shortest paths" });
  await expect(paths.locator("ol.paths li").first()).toContainText("Eren Keskin");
  await expect(paths.locator("ol.paths li").first()).toContainText("World Organisation Against Torture");
  await expect(page.locator("#graph-canvas .edge.on-path").first()).toBeVisible();

  // The address is the view: opened again, it shows the same thing.
  const shared = page.url();
  const again = await page.context().newPage();
  await again.goto(shared);
  await expect(again.locator("ol.paths li").first()).toContainText("Eren Keskin");
  await again.close();

  // The list view has the same nodes for keyboard and screen readers.
  await page.getByRole("link", { name: "As a list" }).click();
  await expect(page.getByRole("heading", { name: "Nodes" })).toBeVisible();
  await expect(page.locator(".graph-list").first()).toContainText("Eren Keskin");
});

test("the world map shades countries and opens a country's page", async ({ page }) => {
  await page.goto("/map");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("World map of the network");
  const outlines = page.locator("svg.map a.country");
  expect(await outlines.count()).toBeGreaterThan(150);
  const ivoire = page.locator('svg.map a.country[data-code="CI"]');
  await expect(ivoire).not.toHaveClass(/shade-0/);
  await ivoire.locator("path").click();
  await expect(page).toHaveURL(/\/countries\/ci$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Côte d");
});
