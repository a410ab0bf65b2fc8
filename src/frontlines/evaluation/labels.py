"""Label spaces the gold sets use, and how frontlines' ACLED (2019+) coding maps onto them.

Three gold vocabularies meet here:

- ACLED's 2018 nine-class ``event_type`` (the ``acled_notes`` dev set), mapped
  exactly as ``../shared/data/README.md`` documents;
- the CASE 2021 task 2 codes, one per ACLED sub-type (25);
- FA-KES ``cause_of_death`` (6 classes) and ``actor`` (7 classes).

Every mapping is a table, not code paths, so a reader can audit it at a glance.
"""

from __future__ import annotations

import re

from frontlines.nlp.taxonomy import ACLED_SUBTYPES

# ACLED 6 types and 25 sub-types, in codebook precedence order (DESIGN.md); the one table is nlp.taxonomy's.
SUBTYPES: dict[str, list[str]] = ACLED_SUBTYPES
TYPE_OF_SUBTYPE = {s: t for t, subs in SUBTYPES.items() for s in subs}
NONE = "(none)"

# --- ACLED 2018 nine-class taxonomy ------------------------------------------------------------

ACLED2018_CLASSES = [
    "Battle-Government regains territory",
    "Battle-Non-state actor overtakes territory",
    "Battle-No change of territory",
    "Remote violence",
    "Violence against civilians",
    "Riots/Protests",
    "Non-violent transfer of territory",
    "Headquarters or base established",
    "Strategic development",
]
# 2018 class -> (today's type, today's sub-type when the 2018 class fixes it)
ACLED2018_TO_CURRENT: dict[str, tuple[str, str | None]] = {
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Remote violence": ("Explosions/Remote violence", None),
    "Violence against civilians": ("Violence against civilians", None),
    "Riots/Protests": ("Protests/Riots", None),
    "Non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "Headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "Strategic development": ("Strategic developments", None),
}


def type6(event_type: str | None) -> str:
    """Today's type, with Protests and Riots merged: the 2018 gold cannot tell them apart."""
    if not event_type:
        return NONE
    return "Protests/Riots" if event_type in ("Protests", "Riots") else event_type


def to_acled2018(event_type: str | None, sub_event_type: str | None) -> str:
    """Today's (type, sub-type) as the 2018 nine-class label (the inverse of the README table)."""
    if not event_type:
        return NONE
    if event_type == "Battles":
        return {
            "Government regains territory": "Battle-Government regains territory",
            "Non-state actor overtakes territory": "Battle-Non-state actor overtakes territory",
        }.get(sub_event_type or "", "Battle-No change of territory")
    if event_type == "Explosions/Remote violence":
        return "Remote violence"
    if event_type == "Violence against civilians":
        return "Violence against civilians"
    if event_type in ("Protests", "Riots"):
        return "Riots/Protests"
    if event_type == "Strategic developments":
        if sub_event_type in ("Non-violent transfer of territory", "Headquarters or base established"):
            return sub_event_type
        return "Strategic development"
    return NONE  # extension types (Displacement) have no 2018 class


# --- CASE 2021 task 2 codes ---------------------------------------------------------------------

# The 25 "seen" codes of CASE 2021 task 2 ("Note on EVENT TYPES.txt"), one per ACLED sub-type.
CASE_CODES: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
# Spellings seen in papers and re-releases of the task data.
CASE_ALIASES = {
    "NONSTATE_TERIT": "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_STATE_TERIT": "NON_STATE_ACTOR_OVERTAKES_TER",
    "CHEM_WEAPON": "CHEM_WEAP",
    "PROPERTY_DESTRUCT": "PROPERTY_DISTRUCT",
    "ARRESTS": "ARREST",
    "NON_VIOL_TERRIT_TRANSF": "NON_VIOL_TERRIT_TRANSFER",
}
CODE_OF_SUBTYPE = {v: k for k, v in CASE_CODES.items()}


def case_code(label: str) -> str | None:
    """Canonical CASE code for a gold label, or None when it is not one of the 25 ACLED codes."""
    code = label.strip().upper()
    code = CASE_ALIASES.get(code, code)
    return code if code in CASE_CODES else None


# --- FA-KES -------------------------------------------------------------------------------------

# FA-KES ``cause_of_death`` follows the VDC casualty database, where "shelling"
# covers bombardment from the air and the ground alike.
FAKES_CAUSE_OF_SUBTYPE = {
    "Air/drone strike": "shelling",
    "Shelling/artillery/missile attack": "shelling",
    "Remote explosive/landmine/IED": "explosion",
    "Suicide bomb": "explosion",
    "Grenade": "explosion",
    "Chemical weapon": "chemical and toxic gases",
    "Armed clash": "shooting",
    "Government regains territory": "shooting",
    "Non-state actor overtakes territory": "shooting",
    "Attack": "shooting",
    "Excessive force against protesters": "shooting",
}
_EXECUTION = re.compile(r"\b(execut|behead|slaughter|hang(ed|ing)\b|summar)", re.I)


def fakes_cause(sub_event_type: str | None, trigger: str | None = None) -> str:
    """FA-KES cause class of a predicted sub-type; an Attack whose trigger is an execution is one."""
    if not sub_event_type:
        return "unknown"
    if sub_event_type in ("Attack", "Abduction/forced disappearance") and trigger and _EXECUTION.search(trigger):
        return "execution"
    return FAKES_CAUSE_OF_SUBTYPE.get(sub_event_type, "unknown")


FAKES_ACTOR_CLASSES = [
    "syrian government or russian troops",
    "the organization of the islamic state in iraq and the levant - isis",
    "international coalition forces",
    "armed opposition groups",
    "self administration forces",
    "al-nusra front",
    "unknown",
]
# Ordered patterns over a canonical ACLED-style actor name; first match wins.
_FAKES_ACTOR_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"nusra|fateh al-sham|hayat tahrir|\bhts\b", re.I), "al-nusra front"),
    (re.compile(r"islamic state|\bisis\b|\bisil\b|daesh", re.I), "the organization of the islamic state in iraq and the levant - isis"),
    (re.compile(r"\b(sdf|qsd|ypg|ypj|asayish|pyd)\b|syrian democratic forces|self[- ]administration|kurdish", re.I),
     "self administration forces"),
    (re.compile(r"coalition|united states|\busa?\b|military forces of (the )?(united|france|united kingdom)", re.I),
     "international coalition forces"),
    (re.compile(r"\b(syria|syrian|russia|russian)\b.*\b(military|police|forces|air force)|"
                r"(military|police) forces of (syria|russia)|allied syrian|hezbollah|shabiha|"
                r"national defen[cs]e forces", re.I), "syrian government or russian troops"),
    (re.compile(r"opposition|rebel|free syrian army|\bfsa\b|jaysh|ahrar|faylaq|islamist militia|zinki", re.I),
     "armed opposition groups"),
]


def fakes_actor(name: str | None) -> str:
    """FA-KES actor class of a canonical actor name (``unknown`` when nothing matches)."""
    if not name:
        return "unknown"
    for pattern, label in _FAKES_ACTOR_PATTERNS:
        if pattern.search(name):
            return label
    return "unknown"


# --- actor names ---------------------------------------------------------------------------------

_PARENS = re.compile(r"\([^)]*\)")
_NONWORD = re.compile(r"[^a-z0-9]+")


def normalise_actor(name: str | None) -> str:
    """Lower case, no parenthesised periods ("(2000-)"), no punctuation: for the lenient actor1 match."""
    if not name:
        return ""
    return _NONWORD.sub(" ", _PARENS.sub(" ", name.lower())).strip()


def lenient_actor_match(gold: str | None, pred: str | None) -> bool:
    """Same actor up to periods, case and sub-unit ("Military Forces of Syria (2000-) Syrian Arab Air Force")."""
    g, p = normalise_actor(gold), normalise_actor(pred)
    if not g or not p:
        return g == p
    return g == p or g.startswith(p + " ") or p.startswith(g + " ")
