"""Build the append-ready complex/designation rows from the issue-#12 staging files.

Run from the repository root:  .venv/bin/python data/staging/next/build.py
Writes complexes.csv, designations.csv, programs.csv, industries_new.csv and updates.csv
next to this script. Hand decisions (complex reuse, new industry ids, update slots) are the
dictionaries below; everything else is copied from data/staging/*.csv.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
STAGING = ROOT / "data" / "staging"
OUT = Path(__file__).resolve().parent
SUBMUN = Path("/work/shared/boundaries/kostat-2018/skorea-submunicipalities-2018-topo.json")
MUN = Path("/work/shared/boundaries/kostat-2018/skorea-municipalities-2018-topo.json")

NEW_FILES = [
    "opportunity_zone", "urban_convergence", "national_candidate",
    "innopolis_small", "global_innovation", "existing_additions",
]  # fmt: skip

COMPLEX_COLS = [
    "complex_id", "name_ko", "name_en", "sido", "sigungu", "sigungu_all", "emd", "emd_codes",
    "precision", "place_wording", "place_source_title", "place_source_publisher",
    "place_source_date", "place_source_url", "place_evidence", "lon", "lat", "coord_source", "notes",
]  # fmt: skip
DESIG_COLS = [
    "id", "complex_id", "program", "round", "name_ko", "name_en", "year", "designation_date",
    "industry", "industry_detail", "belt", "period", "firms", "support_public_krw",
    "support_public_note", "investment_private_planned_krw", "investment_note",
    "investment_executed_krw", "jobs", "jobs_note", "area_m2", "anchor_companies",
    "lead_institution", "notes", "source_title", "source_publisher", "source_date", "source_url",
    "source_kind", "source2_title", "source2_publisher", "source2_date", "source2_url",
    "source2_kind",
]  # fmt: skip

# Staging complex_key -> complex_key of data/staging/places.csv (same place, per the sources).
REUSE = {
    # 동남권 방사선 의·과학 일반산업단지 = sobujang-2023-busan-semiconductor's complex; the places page
    # (세계일보 2026-03-02) says it was designated 소부장 2023 and 부산형 기회발전특구 2024.
    "busan-gijang-radiation-complex": "busan-radiological-science-complex",
    # 동부산 이파크 (already the same key as busanbelt-2023-gijang-e-park).
    "busan-dongbusan-epark": "busan-dongbusan-epark",
    # 센텀2: "해운대구 반여동 일원" 센텀2(도시첨단산업단지) = busanbelt-2023-haeundae-centum-district-2.
    "busan-centum2-urban-convergence": "busan-centum2",
    # "빛그린국가산단 68만6797㎡" lies in 빛그린국가산업단지 (gwangjuauto rows' complex).
    "gwangju-bitgreen-national-ic": "gwangju-bitgreen",
    # "창원국가산업단지 내 약 59만㎡" lies in 창원국가산업단지 (sobujang-2021 changwon's complex).
    "changwon-national-ic-mobility": "changwon-national-precision",
    # 전주 탄소 특구 = 탄소소재국가산단 + 친환경첨단복합산단 = sobujang-2021 전주's two complexes.
    "jb-jeonju-carbon": "jeonju-carbon",
    # 2022 support selection of the 안산 도금협동화단지 (root-2013 / rs-2019 complex).
    "ansan-plating-coop": "ansan-plating-coop",
}
# Two new staging keys that name the same new place.
MERGE_NEW = {
    # OZ 2024-11 "강릉 천연물바이오 국가산업단지" = the 2023 candidate "강릉 천연물 바이오 국가산단"
    # (강릉시 구정면 금광리): same name, same city; the OZ page gives no other site.
    "gw-gangneung-natural-bio": "gangneung-gujeong-natural-bio",
}
# Overlaps checked and NOT merged (different or larger/smaller site): written into notes.
OVERLAP_NOTES = {
    "gb-pohang-oz": "Not merged with pohang-battery (strategic 2023: 영일만산단·블루밸리): the OZ pages give only '포항 254만5455㎡', no site.",
    "ulsan-oz-battery": "Not merged with ulsan-battery (strategic 2023, 6개 산단): the OZ 지구 are functional, sited only as 남구·북구·울주군.",
    "gw-hongcheon-urban-hightech": "Not merged with chuncheon-hongcheon-bio (strategic 2024, 10 complexes in 춘천·홍천): one 홍천 complex, no page ties it to the bio 특화단지.",
    "yongin-namsa-system-semiconductor": "Not merged with yongin-pyeongtaek-semiconductor: that complex is the union of 원삼 (소부장 2021), 남사·이동 (this site), 기흥 and 평택 (strategic 2023); this complex is the 남사·이동 national complex alone.",
    "daejeon-wonchon-biomedical": "원촌 is one of the four districts of daejeon-bio (strategic 2024); not merged (part of a larger complex).",
    "andong-pungsan-bio": "Part of the 안동지구 of andong-pohang-bio (strategic 2024) per the candidate notes; not merged (part of a larger complex).",
    "gwangju-oun-future-car": "One of the three parts of gwangju-future-car-triangle (소부장 2023); not merged.",
    "busan-munhyeon-bukhang-finance": "Includes BIFC 3단계 in 문현금융단지 (busan-munhyeon-bifc) plus 북항 2단계; not merged (two separate sites).",
    "jecheon-ic2-ic4": "제2·제4산업단지; the root 2023 site is 제1·2산업단지 (jecheon-industrial-1-2): overlap on 제2산단 only, not merged.",
    "jn-gwangyang-bay-battery": "Includes 율촌1산단 (cf. suncheon-yulchon1) among 3 complexes; not merged.",
    "jn-mokpo-haenam-offshore-wind": "해남 part is 해남화원조선단지 (cf. haenam-hwawon, root 2023); not merged.",
    "busan-eco-delta-city": "Not merged with busan-edc-data-center / busan-edc-smart-healthcare (belt rows): no page ties the 37만1000평 to either.",
}
# New industry ids (no colour: to be chosen by the integrator from the 'other' palette).
NEW_INDUSTRIES = [
    ("energy", "에너지 (신재생·전력)", "Energy (renewables, power)"),
    ("hydrogen", "수소", "Hydrogen"),
    ("nuclear", "원자력", "Nuclear power"),
    ("defense", "방위산업", "Defence"),
    ("chemicals", "화학 (석유화학)", "Chemicals (petrochemicals)"),
    ("tourism", "관광", "Tourism"),
    ("rail", "철도", "Railway"),
    ("food", "식품", "Food"),
    ("advanced_materials", "첨단소재", "Advanced materials"),
    ("environment", "환경", "Environment"),
    ("robotics", "로봇", "Robotics"),
]
INDUSTRY_SET = {
    "oz-2024-mokpo-haenam-offshore-wind": "energy",
    "oz-2024-goseong-offshore-wind": "energy",
    "oz-2024-ulsan-green-energy": "energy",
    "innopolis-2020-naju-energy": "energy",
    "globalinnov-2024-jeonnam-dc-energy": "energy",
    "oz-2024-yeosu-hydrogen": "hydrogen",
    "oz-2024-boryeong-carbon-neutral-energy": "hydrogen",
    "oz-2024-donghae-bukpyeong": "hydrogen",
    "oz-2024-samcheok-hydrogen": "hydrogen",
    "candidate-2023-wanju-bongdong-hydrogen": "hydrogen",
    "candidate-2023-uljin-jukbyeon-nuclear-hydrogen": "hydrogen",
    "candidate-2023-gyeongju-munmudaewang-smr": "nuclear",
    "oz-2024-daejeon-ansan-defense": "defense",
    "oz-2024-nonsan-defense": "defense",
    "candidate-2023-changwon-bukmyeon-defense-nuclear": "defense",
    "oz-2024-seosan-chemical": "chemicals",
    "oz-2024-tongyeong-tourism": "tourism",
    "candidate-2023-cheongju-osong-railway": "rail",
    "candidate-2023-iksan-wanggung-food": "food",
    "innopolis-2019-pohang-materials": "advanced_materials",
    "oz-2025-miryang-nano": "advanced_materials",
    "innopolis-2022-incheon-seogu-environment": "environment",
    "globalinnov-2025-daegu-ai-robot": "robotics",
}
# Emd lists the staging gave but that do not meet the rule (every part of the place named by a page).
EMD_DROP = {
    "buyeo-hongsan-battery": "The page (디트뉴스24 2024-05-03) places only the 부여 일반산업단지 in 홍산면 정동리; the 은산2농공단지's 읍면 is not stated by any cited page (은산면 would come from its name), so the zone stays sgg.",
}
SIDO_PREFIX = {
    "11": "서울특별시", "21": "부산광역시", "22": "대구광역시", "23": "인천광역시", "24": "광주광역시",
    "25": "대전광역시", "26": "울산광역시", "29": "세종특별자치시", "31": "경기도", "32": "강원특별자치도",
    "33": "충청북도", "34": "충청남도", "35": "전북특별자치도", "36": "전라남도", "37": "경상북도",
    "38": "경상남도", "39": "제주특별자치도",
}  # fmt: skip
# Specific reasons for sgg where the staging gave a place name below the municipality.
SGG_REASONS = {
    "sejong-jiphyeon-urban-hightech": "집현동 (named by the page) does not exist in the KOSTAT-2018 file (세종시 dongs in 2018: 고운동 … 한솔동; 집현동 was created later) -> sgg.",
    "jeju-hawon-techno-campus": "하원동 (named by 한라일보) is a legal dong with no polygon of that name in the KOSTAT-2018 file; its administrative dong was not matched from a page -> sgg.",
    "daejeon-ansan-defense": "Notes place 안산지구 in 유성구 안산동·외삼동 (충청시대 2019-06-03, an older page); these are legal dongs (the KOSTAT-2018 안산동 is 안산시's 3109173, not 대전) and no page gives their administrative dong -> sgg.",
    "daejeon-wonchon-biomedical": "원촌동 is a legal dong (no KOSTAT-2018 polygon of that name) and its 구 comes from location knowledge -> sgg.",
    "daejeon-urban-convergence": "선화동 and the 대전역 area are legal-dong wordings (no KOSTAT-2018 polygon named 선화동) -> sgg.",
}
PRECISION_RANK = {"point": 0, "emd": 1, "sgg": 2, "sido": 3}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(STAGING / f"{name}.csv", dtype=str, keep_default_na=False)


def topo_props(path: Path) -> pd.DataFrame:
    data = json.loads(path.read_text(encoding="utf-8"))
    obj = next(iter(data["objects"].values()))
    return pd.DataFrame([g["properties"] for g in obj["geometries"]])


def municipality_index() -> dict[tuple[str, str], list[str]]:
    mun = topo_props(MUN)
    aliases = pd.read_csv(ROOT / "data" / "admin_name_aliases.csv", dtype=str)
    index: dict[tuple[str, str], list[str]] = {}
    for code, name in zip(mun["code"], mun["name"]):
        sido = SIDO_PREFIX[code[:2]]
        index.setdefault((sido, name), []).append(code)
        m = re.match(r"^(.+?시)(.+구)$", name)
        if m:
            index.setdefault((sido, f"{m[1]} {m[2]}"), []).append(code)
            index.setdefault((sido, m[1]), []).append(code)
    for r in aliases.itertuples():
        if (r.sido, r.maps_to_sigungu) in index:
            index.setdefault((r.sido, r.sigungu), index[(r.sido, r.maps_to_sigungu)])
    return index


def sgg_codes(full: str, index) -> list[str]:
    sido, _, sigungu = full.partition(" ")
    return index.get((sido, sigungu), [])


def join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def note_with_kind(note: str, kind: str) -> str:
    if not kind:
        return note
    if not note:
        return f"[{kind}]"
    return f"[{kind}] {note}"


def parse_kinds(figure_kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in [p.strip() for p in figure_kind.split(";") if p.strip()]:
        key, _, desc = part.partition(":")
        out[key.strip()] = desc.strip()
    return out


def main() -> None:
    index = municipality_index()
    sub = topo_props(SUBMUN)
    places = read("places")
    place_keys = set(places["complex_key"])
    clusters = pd.read_csv(ROOT / "data" / "clusters.csv", dtype=str, keep_default_na=False)
    rows = pd.concat([read(f).assign(_file=f) for f in NEW_FILES], ignore_index=True).fillna("")

    desigs, complex_rows = [], {}
    for r in rows.itertuples(index=False):
        r = r._asdict()
        key = MERGE_NEW.get(r["complex_key"], r["complex_key"])
        cid = REUSE.get(key, key)
        reused = cid in place_keys
        kinds = parse_kinds(r["figure_kind"])
        d = {c: r.get(c, "") for c in DESIG_COLS}
        d["complex_id"] = cid
        if r["id"] in INDUSTRY_SET:
            assert not r["industry"], r["id"]
            d["industry"] = INDUSTRY_SET[r["id"]]
        d["investment_note"] = note_with_kind(r["investment_note"], kinds.get("investment", "")) if r["investment_private_planned_krw"] else r["investment_note"]
        d["jobs_note"] = note_with_kind(r["jobs_note"], kinds.get("jobs", "")) if r["jobs"] else r["jobs_note"]
        d["support_public_note"] = note_with_kind(r["support_public_note"], kinds.get("support", "")) if r["support_public_krw"] else r["support_public_note"]
        extra = []
        if r["figure_kind"]:
            extra.append(f"Figures (figure_kind): {r['figure_kind']}.")
        if reused:
            extra.append(
                f"Place of this designation as its page words it: '{r['place_wording']}' ({r['place_source_url']}); "
                f"complex {cid} reused from data/staging/places.csv."
            )
        if r["source2_url"] and not r["source2_kind"]:
            raise SystemExit(f"{r['id']}: source2 without kind")
        d["notes"] = join(r["notes"], *extra)
        desigs.append(d)
        if reused:
            continue
        complex_rows.setdefault(cid, []).append(r)

    complexes = []
    for cid, rs in complex_rows.items():
        best = sorted(rs, key=lambda x: (PRECISION_RANK[x["precision"]], -int(x["year"])))[0]
        sido = best["sido"]
        alls = [s for s in best["sigungu_all"].split(";") if s] or ([best["sigungu"]] if best["sigungu"] else [])
        full = [f"{sido} {s}" for s in alls]
        codes = [c for f in full for c in sgg_codes(f, index)]
        missing = [f for f in full if not sgg_codes(f, index)]
        if missing:
            raise SystemExit(f"{cid}: municipality not in boundaries: {missing}")
        precision, emd, emd_codes = best["precision"], "", ""
        evidence = best.get("evidence", "") or ""
        src = best
        if precision == "emd":
            names = [n for n in best["emd"].split(";") if n]
            found = []
            for n in names:
                hit = sub[(sub["name"] == n) & (sub["code"].str[:5].isin(codes))]
                if len(hit) != 1:
                    raise SystemExit(f"{cid}: emd {n} matched {len(hit)} polygons")
                found.append(hit["code"].iloc[0])
            if cid in EMD_DROP:
                precision, evidence = "sgg", join(evidence, EMD_DROP[cid])
            else:
                emd, emd_codes = ";".join(names), ";".join(found)
                if not evidence:
                    evidence = (
                        f"{', '.join(names)} named by the place page ('{best['place_wording']}'); "
                        f"KOSTAT-2018 admin unit(s) {', '.join(found)} under {', '.join(alls)} (a 읍/면 is both legal and admin unit)."
                    )
        elif cid in SGG_REASONS:
            evidence = join(evidence, SGG_REASONS[cid])
        elif not evidence:
            if precision == "sido":
                evidence = "province only: the cited pages name no site or the zone's parts are not located (see notes)."
            else:
                evidence = "municipality only: no cited page names the 읍면동 of the whole site (see notes)."
        if best["emd"] and precision != "emd" and cid not in EMD_DROP:
            evidence = join(evidence, f"(Staging emd '{best['emd']}' not used: precision {precision}.)")
        # Place page title/publisher/date: the row source or source2 with the same URL.
        url = src["place_source_url"]
        if url == src["source_url"]:
            t, p, dt = src["source_title"], src["source_publisher"], src["source_date"]
        elif url == src["source2_url"]:
            t, p, dt = src["source2_title"], src["source2_publisher"], src["source2_date"] or "undated"
        else:
            other = rows[rows["source2_url"] == url]
            if len(other):
                o = other.iloc[0]
                t, p, dt = o["source2_title"], o["source2_publisher"], o["source2_date"] or "undated"
            else:
                t, p, dt = PLACE_PAGES[url]
        notes = []
        if any("location knowledge" in x["notes"] for x in rs):
            notes.append("Municipality (or part of it) from location knowledge, not stated by the cited pages: see the designation notes.")
        if cid in OVERLAP_NOTES:
            notes.append(OVERLAP_NOTES[cid])
        if len(rs) > 1:
            notes.append("Designations: " + ", ".join(x["id"] for x in rs) + ".")
        name_en = best["name_en"]
        complexes.append(
            {
                "complex_id": cid, "name_ko": best["complex_name_ko"], "name_en": name_en,
                "sido": sido, "sigungu": best["sigungu"], "sigungu_all": ";".join(full),
                "emd": emd, "emd_codes": emd_codes, "precision": precision,
                "place_wording": best["place_wording"], "place_source_title": t,
                "place_source_publisher": p, "place_source_date": dt, "place_source_url": url,
                "place_evidence": evidence, "lon": "", "lat": "", "coord_source": "",
                "notes": join(*notes),
            }
        )  # fmt: skip

    cx = pd.DataFrame(complexes, columns=COMPLEX_COLS).sort_values("complex_id")
    ds = pd.DataFrame(desigs, columns=DESIG_COLS).sort_values(["program", "year", "id"])
    assert not set(ds["id"]) & set(clusters["id"]), "id clash with clusters.csv"
    cx.to_csv(OUT / "complexes.csv", index=False, lineterminator="\n")
    ds.to_csv(OUT / "designations.csv", index=False, lineterminator="\n")
    pd.DataFrame(NEW_INDUSTRIES, columns=["id", "label_ko", "label_en"]).assign(group="other").to_csv(
        OUT / "industries_new.csv", index=False, lineterminator="\n"
    )
    build_programs()
    build_updates(clusters)
    print(len(cx), "complexes;", len(ds), "designations")


# Place pages cited by a row's place_source_url that are neither its source nor its source2.
PLACE_PAGES = {
    "http://www.dtnews24.com/news/articleViewAmp.html?idxno=771387": (
        "충남도, 보령·서산·논산·부여·예산 ‘기회발전특구’ 선정 (지정 신청 대상지 선정, 신청 단계)",
        "디트뉴스24", "2024-05-03",
    ),
    "http://www.newscape.co.kr/news/view.php?idx=49986": (
        "과학기술정보통신부 연구개발특구위원회 열어 강소특구 6개소 선정 발표", "뉴스케이프", "undated",
    ),
}

PROGRAM_KINDS = {
    "busan_belt": "city_plan",
    "gwangju_auto": "city_plan",
    "root_industry": "statutory",
    "root_leading": "pilot",
    "root_milkrun": "pilot",
    "root_support": "support",
    "sobujang": "statutory",
    "strategic": "statutory",
}


def build_programs() -> None:
    old = pd.read_csv(ROOT / "data" / "programs.csv", dtype=str, keep_default_na=False)
    old["kind"] = old["id"].map(PROGRAM_KINDS)
    new = pd.concat([read("programs_new_oz"), read("programs_new_rd")], ignore_index=True)
    out = pd.concat([old, new], ignore_index=True)
    assert out["id"].is_unique and out["kind"].notna().all()
    out.to_csv(OUT / "programs.csv", index=False, lineterminator="\n")


# Figure updates whose page is not one of the row's two sources: where it goes.
UPDATE_SLOTS = {
    "sobujang-2023-daegu-future-mobility": (
        "source2",
        "The YTN copy is not among the row's sources; jobs is a figure column, so the page must be a source. "
        "Proposed: it becomes source2 (kind reprint); the displaced source2 (전자신문 2023-09-05, https://etnews.com/20230905000325) "
        "moves into notes as 'Former source2', and investment_note's 1조1,200억 (from that page) keeps its citation inline.",
    ),
    "sobujang-2021-cheongju-secondary-battery": (
        "source2",
        "국민일보 2021-01-31 is not among the row's sources; jobs and area_m2 are figure columns. Proposed: it becomes "
        "source2 (kind press); the displaced source2 (The Korea Times 2021-02-27, seed 001) moves into notes as "
        "'Former source2' (data/README.md's merge note about the 2021 소부장 rows must then be updated). Alternative: "
        "reject the two figures and keep the seed page.",
    ),
    "root-2022-daejeon-pyeongchon": (
        "source2",
        "대전타임뉴스 (undated) is not among the row's sources; area_m2 is a figure column. Proposed: it becomes source2 "
        "(kind press, source2_date empty = undated) and KPI뉴스 2022-05-04 moves into notes, PROVIDED firms=25 is on the "
        "source page (지디넷 2022-05-03); the stored KPI excerpt does not show 25. If 25 comes only from KPI, keep KPI and "
        "drop this area update.",
    ),
}


def build_updates(clusters: pd.DataFrame) -> None:
    u = read("existing_updates")
    c = clusters.set_index("id")
    out = []
    for r in u.to_dict("records"):
        cur = c.loc[r["id"], r["column"]]
        if cur != r["old_value"]:
            raise SystemExit(f"update {r['id']} {r['column']}: old_value differs from clusters.csv")
        if r["old_value"] == r["new_value"]:
            continue  # no-op rows (same value before and after) are dropped
        slot, note = "", ""
        row = c.loc[r["id"]]
        if r["source_url"] in (row["source_url"], row["source2_url"]):
            slot = "source" if r["source_url"] == row["source_url"] else "source2"
            note = "page already on the row"
        elif r["column"] in ("source_title", "source_publisher", "source_date", "source_url",
                             "source2_title", "source2_publisher", "source2_date", "source2_url", "notes"):
            slot, note = "source", "source swap: the release copy becomes source, the old source moves to source2 or notes"
        elif r["id"] in UPDATE_SLOTS:
            slot, note = UPDATE_SLOTS[r["id"]]
        else:
            raise SystemExit(f"update {r['id']} {r['column']}: page not on the row and no slot decided")
        out.append({**r, "source_slot": slot, "check_note": note})
    # Kinds of the swapped sources, for the new source_kind / source2_kind columns.
    swapped = {}
    for r in out:
        if r["column"] == "source_url":
            swapped[r["id"]] = r["source_kind"]
    for rid, kind in swapped.items():
        for col, val in (("source_kind", kind), ("source2_kind", "press")):
            out.append({
                "id": rid, "column": col, "old_value": "", "new_value": val,
                "source_title": "", "source_publisher": "", "source_date": "", "source_url": "",
                "source_kind": "", "quote": "", "source_slot": "",
                "check_note": "added by the integrator: kind of the page now in this slot (new column of designations.csv)",
            })  # fmt: skip
    for rid, (slot, _) in UPDATE_SLOTS.items():
        kind = {"sobujang-2023-daegu-future-mobility": "reprint"}.get(rid, "press")
        out.append({
            "id": rid, "column": f"{slot}_kind", "old_value": "", "new_value": kind,
            "source_title": "", "source_publisher": "", "source_date": "", "source_url": "",
            "source_kind": "", "quote": "", "source_slot": slot,
            "check_note": "added by the integrator: kind of the figure page proposed for this slot",
        })  # fmt: skip
    cols = list(u.columns) + ["source_slot", "check_note"]
    pd.DataFrame(out, columns=cols).to_csv(OUT / "updates.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
