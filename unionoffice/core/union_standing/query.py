"""Read-side helpers shared by the figures and the export of 规范化建设 (one definition of coverage)."""

from __future__ import annotations

from dataclasses import dataclass

from ..store.connection import Store


@dataclass
class Coverage:
    """Org ids covered at a day: by a 区域性职代会 (or their own 区域性 entry is not included here), by a
    collective contract (own 集体合同 or 区域性/行业性), by a 女职工专项 contract."""

    regional_congress: set[int]
    contracts: set[int]
    women_contracts: set[int]


def regional_covered(store: Store, kinds: tuple[str, ...], day: str) -> set[int]:
    marks = ", ".join("?" for _ in kinds)
    return {r[0] for r in store.query(
        f"SELECT ao.org_id FROM regional_agreement_orgs ao JOIN regional_agreements a ON a.id = ao.agreement_id "
        f"WHERE a.deleted_at IS NULL AND a.kind IN ({marks}) AND a.signed_date <= ? "
        f"AND (a.expiry_date IS NULL OR a.expiry_date >= ?)", (*kinds, day, day))}


def own_contracts(store: Store, kind: str, day: str) -> set[int]:
    return {r[0] for r in store.query(
        "SELECT org_id FROM org_contracts WHERE kind = ? AND signed_date <= ? "
        "AND (expiry_date IS NULL OR expiry_date >= ?)", (kind, day, day))}


def coverage(store: Store, day: str) -> Coverage:
    return Coverage(regional_covered(store, ("区域性职代会",), day),
                    own_contracts(store, "集体合同", day) | regional_covered(store, ("区域性集体合同", "行业性集体合同"), day),
                    own_contracts(store, "女职工专项", day))


def facility_texts(store: Store, day: str) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    for r in store.query("SELECT org_id, kind, level FROM union_facilities WHERE deleted_at IS NULL "
                         "AND set_up_date <= ? ORDER BY set_up_date", (day,)):
        out.setdefault(r["org_id"], []).append(f"{r['level'] + '级' if r['level'] else ''}{r['kind']}")
    return {k: "、".join(v) for k, v in out.items()}


def officer_texts(store: Store) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    for r in store.query("SELECT org_id, role, name FROM union_officers WHERE deleted_at IS NULL AND until IS NULL "
                         "ORDER BY org_id, id"):
        out.setdefault(r["org_id"], []).append(f"{r['role']} {r['name']}")
    return {k: "、".join(v) for k, v in out.items()}
