"""One-off migration (issue #11): clusters.csv + places research -> complexes, designations.

Kept for the record. Run from the project root with the boundaries available::

    KCA_OFFLINE=1 .venv/bin/python scripts/migrate_complexes.py \
        --clusters data/clusters.csv --places ../wt-research/data/staging/places.csv

What it does, and nothing more:

* one complex per ``complex_key`` of the places file (its id); name, precision, place
  wording, place source and evidence are copied as the research gives them;
* ``sido`` / ``sigungu`` are the primary municipality: the first of ``sigungu_all``, with
  the province of the designation row declaring it (else of the first row);
* ``sigungu_all`` gets each municipality's province: the primary province when it has a
  municipality of that name, else the only province that does (the 2018 boundaries);
  an ambiguous or unknown name stops the script;
* ``emd_codes``: each 읍면동 name matched to the one KOSTAT-2018 admin dong of that name
  inside the listed municipalities (zero or several matches stop the script);
* designations: every clusters.csv row, same id and order, with ``complex_id`` and without
  the place columns (sido, sigungu, lon, lat, coord_source, now on the complex);
  ``source_kind`` / ``source2_kind`` are left empty (not yet classified).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.boundaries import load_boundaries
from geo.fields import COMPLEX_FILE_COLUMNS, DESIGNATION_FILE_COLUMNS
from geo.placement import load_name_aliases, match_municipality, municipality_index

PLACE_COLUMNS = ("sido", "sigungu", "lon", "lat", "coord_source")


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _province(name: str, primary: str, ctx: dict) -> str:
    """The province of a municipality named in sigungu_all (boundary names and aliases)."""
    known = set(ctx["index"]) | set(ctx["aliases"])
    if (primary, name) in known:
        return primary
    provinces = sorted({sido for sido, sgg in known if sgg == name})
    if len(provinces) != 1:
        raise SystemExit(f"municipality {name!r}: provinces {provinces}; cannot decide")
    return provinces[0]


def _emd_codes(names: list[str], sgg_codes: list[str], emd: pd.DataFrame) -> list[str]:
    codes = []
    for name in names:
        hits = emd[(emd["name_ko"] == name) & emd["code"].str[:5].isin(sgg_codes)]
        if len(hits) != 1:
            raise SystemExit(f"emd {name!r} in {sgg_codes}: {len(hits)} matches")
        codes.append(str(hits["code"].iloc[0]))
    return codes


def _complex(key: str, group: pd.DataFrame, ctx: dict) -> dict[str, str]:
    first = group.iloc[0]
    names = [n.strip() for n in first["sigungu_all"].split(";") if n.strip()]
    declaring = group[group["sigungu"] == names[0]]
    sido = (declaring.iloc[0] if len(declaring) else first)["sido"]
    index, aliases = ctx["index"], ctx["aliases"]
    pairs = [(_province(n, sido, ctx), n) for n in names]
    sgg_codes = [c for s, n in pairs for c in match_municipality(s, n, index, aliases)]
    emd_names = [n.strip() for n in first["emd"].split(";") if n.strip()]
    codes = _emd_codes(emd_names, sgg_codes, ctx["emd"])
    row = {
        "complex_id": key,
        "name_ko": first["complex_name_ko"],
        "name_en": first["complex_name_en"],
        "sido": sido,
        "sigungu": names[0],
        "sigungu_all": ";".join(f"{s} {n}" for s, n in pairs),
        "emd": ";".join(emd_names),
        "emd_codes": ";".join(codes),
        "precision": first["precision"],
        "place_wording": first["place_wording"],
        "place_source_title": first["place_source_title"],
        "place_source_publisher": first["place_source_publisher"],
        "place_source_date": first["place_source_date"],
        "place_source_url": first["place_source_url"],
        "place_evidence": first["evidence"],
        "lon": first["lon"],
        "lat": first["lat"],
        "coord_source": first["coord_source"],
        "notes": "",
    }
    return {c: row.get(c, "") for c in COMPLEX_FILE_COLUMNS}


def migrate(clusters: pd.DataFrame, places: pd.DataFrame, ctx: dict) -> tuple[pd.DataFrame, ...]:
    """(complexes, designations) from the old file and the research."""
    if set(clusters["id"]) != set(places["id"]) or len(clusters) != len(places):
        raise SystemExit("places file must have exactly one row per clusters.csv row")
    for column in ("lon", "lat", "coord_source"):
        if (clusters[column] != "").any():
            raise SystemExit(f"clusters.csv has {column} values: move them by hand")
    merged = clusters.drop(columns=["lon", "lat", "coord_source"]).merge(
        places, on="id", how="left", validate="one_to_one"
    )
    complexes = pd.DataFrame(
        [_complex(str(key), group, ctx) for key, group in merged.groupby("complex_key", sort=True)]
    )
    designations = clusters.drop(columns=list(PLACE_COLUMNS))
    designations["complex_id"] = clusters["id"].map(places.set_index("id")["complex_key"])
    for column in DESIGNATION_FILE_COLUMNS:
        if column not in designations:
            designations[column] = ""
    return complexes, designations[list(DESIGNATION_FILE_COLUMNS)]


def main() -> None:
    """Write data/complexes.csv and data/designations.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=Path, default=Path("data/clusters.csv"))
    parser.add_argument("--places", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("data"))
    args = parser.parse_args()
    sgg = load_boundaries("sgg", "full")
    emd = load_boundaries("emd", "full")
    ctx = {
        "index": municipality_index(sgg),
        "aliases": load_name_aliases(),
        "emd": emd[["code", "name_ko"]].astype(str),
    }
    complexes, designations = migrate(_read(args.clusters), _read(args.places), ctx)
    complexes.to_csv(args.out / "complexes.csv", index=False, lineterminator="\n")
    designations.to_csv(args.out / "designations.csv", index=False, lineterminator="\n")
    sys.stdout.write(f"complexes: {len(complexes)}, designations: {len(designations)}\n")


if __name__ == "__main__":
    main()
