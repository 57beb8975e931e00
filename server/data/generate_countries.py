#!/usr/bin/env python3
"""Regenerates countries.json from the `world-countries` npm package (ODbL-1.0).

    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    python3 generate_countries.py package/countries.json > countries.json

The network's six regions are its own grouping, not the UN's: this script maps
UN sub-regions onto them and lists the exceptions by hand.
"""
import json
import sys

REGION_BY_SUBREGION = {
    "Northern Africa": "maghreb-middle-east",
    "Western Asia": "maghreb-middle-east",
    "Central Asia": "europe-central-asia",
}
REGION_BY_CONTINENT = {
    "Africa": "africa",
    "Americas": "americas",
    "Asia": "asia",
    "Europe": "europe-central-asia",
    "Oceania": "pacific",
    "Antarctic": "pacific",
}
# Caucasus, Turkey and Cyprus sit with Europe & Central Asia in the network's
# work; Sudan with Africa; Iran with the Middle East.
EXCEPTIONS = {
    "AM": "europe-central-asia",
    "AZ": "europe-central-asia",
    "GE": "europe-central-asia",
    "TR": "europe-central-asia",
    "CY": "europe-central-asia",
    "SD": "africa",
    "IR": "maghreb-middle-east",
    "BV": "africa",
    "TF": "africa",
}


# The name the country uses for itself at the UN, where the package's common
# English name differs.
ENGLISH_NAME_OVERRIDES = {"CI": "Côte d'Ivoire"}


def region(c):
    if c["cca2"] in EXCEPTIONS:
        return EXCEPTIONS[c["cca2"]]
    return REGION_BY_SUBREGION.get(c["subregion"]) or REGION_BY_CONTINENT[c["region"]]


def main(path):
    rows = []
    for c in json.load(open(path, encoding="utf-8")):
        t = c["translations"]
        rows.append(
            {
                "alpha2": c["cca2"],
                "alpha3": c["cca3"],
                "numeric": c["ccn3"] or None,
                "name": ENGLISH_NAME_OVERRIDES.get(c["cca2"], c["name"]["common"]),
                "name_fr": t["fra"]["common"],
                "name_es": t["spa"]["common"],
                "region": region(c),
                "lat": round(c["latlng"][0], 3) if c["latlng"] else None,
                "lng": round(c["latlng"][1], 3) if c["latlng"] else None,
            }
        )
    rows.sort(key=lambda r: r["alpha2"])
    print("[")
    print(",\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    print("]")


if __name__ == "__main__":
    main(sys.argv[1])
