import * as fs from "fs";
import { expect, test } from "./fixtures";

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

  // Drag a node: its circle and its lines move, and letting go does not
  // follow its link. The node dragged is the one on top at the start's centre.
  await canvas.locator(".node.start circle").scrollIntoViewIfNeeded();
  const startBox = (await canvas.locator(".node.start circle").boundingBox())!;
  const [sx, sy] = [startBox.x + startBox.width / 2, startBox.y + startBox.height / 2];
  const index = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)!.closest("a.node")!.getAttribute("data-i"), [sx, sy]);
  const grabbed = canvas.locator(`a.node[data-i="${index}"] circle`);
  const lines = canvas.locator(`line[data-a="${index}"], line[data-b="${index}"]`);
  expect(await lines.count()).toBeGreaterThan(0);
  const here = page.url();
  const cxBefore = Number(await grabbed.getAttribute("cx"));
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await page.mouse.move(sx + 60, sy + 40, { steps: 4 });
  await page.mouse.up();
  const cxAfter = Number(await grabbed.getAttribute("cx"));
  const cyAfter = Number(await grabbed.getAttribute("cy"));
  expect(cxAfter).toBeGreaterThan(cxBefore);
  const line = lines.first();
  const end = (await line.getAttribute("data-a")) === index ? ["x1", "y1"] : ["x2", "y2"];
  expect(Number(await line.getAttribute(end[0]))).toBeCloseTo(cxAfter, 0);
  expect(Number(await line.getAttribute(end[1]))).toBeCloseTo(cyAfter, 0);
  expect(page.url()).toBe(here);

  // Filter: hide countries.
  await page.getByRole("checkbox", { name: "Country", exact: true }).check();
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

  // The drawing downloads as a picture.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the picture (PNG)" }).click();
  const png = await download;
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = fs.readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  expect(bytes.length).toBeGreaterThan(2000);

  // Where: only what is in Switzerland stays, and the start.
  await page.goto("/graph?start=organisation:omct&depth=2");
  const everywhere = await page.locator("#graph-canvas .node").count();
  await page.getByRole("combobox", { name: "Country" }).selectOption("ch");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/country=ch/);
  await expect(page.getByRole("combobox", { name: "Country" })).toHaveValue("ch");
  await expect.poll(() => page.locator("#graph-canvas .node").count()).toBeLessThan(everywhere);
  await expect(page.locator("#graph-canvas .node.start")).toHaveCount(1);

  // When: a span of years keeps the form's values in the address.
  await page.getByLabel("From year").fill("2024");
  await page.getByLabel("Until year").fill("2024");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2024/);
  await expect(page).toHaveURL(/until=2024/);
  await expect(page.getByLabel("From year")).toHaveValue("2024");

  // Path from a defender to the organisation behind her trial observation.
  await page.goto("/graph?start=person:eren-keskin&depth=2");
  // A name nobody readable carries has no path.
  await page.getByLabel("Shortest path to").fill("Nobody by this name");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/to=Nobody/);
  await expect(page.locator("section", { hasText: "Shortest paths" })).toContainText("No path you can see");
  // The target is typed by name, suggested from what is drawn.
  await page.getByLabel("Shortest path to").fill("World Organisation Against Torture");
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

  // The same map counts trials, with a table for screen readers.
  await page.goto("/map");
  const shadeBy = page.getByRole("navigation", { name: "Shade by" });
  await shadeBy.getByRole("link", { name: "Trials", exact: true }).click();
  await expect(page).toHaveURL(/measure=trials/);
  await expect(page.locator("#map-caption")).toHaveText("Trials by country");
  await expect(shadeBy.getByRole("link", { name: "Trials", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.locator('svg.map a.country[data-code="TR"]')).not.toHaveClass(/shade-0/);
  await expect(page.locator("table caption")).toHaveText("Trials by country");
});
