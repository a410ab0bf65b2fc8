"""Site furniture inside the body trafilatura kept: teaser links, related-article lists, calls to subscribe, credits.

trafilatura decides which *block* of the page is the article; inside that block
sites still interleave lines addressed to the reader, not about the story:
"Read more: <other headline>", a "Related articles" label and the headlines
listed under it, "Subscribe now to our e-edition for the full story", "Follow us
on Twitter", "© 2022 Example News", "Photo credit: ...". They are the same few
shapes on every site and in every language, so they are recognised by shape:

* a *teaser*: a see-also cue ("Read more", "MORE:", "Lea también", "Lesen Sie auch",
  "À lire aussi", "Czytaj też", ...) followed by a colon and a headline;
* a *list label* ("Related articles", "Notas relacionadas", "Schon gelesen?",
  "Das könnte Sie auch interessieren") standing alone, and the run of
  headline-shaped lines (short, no sentence end) right after it;
* a *call to action*: a short paragraph that asks the reader to subscribe,
  sign up, log in, follow the outlet or download its app: the verb opens a
  sentence (imperative) or the reader is addressed ("you", "Sie", "vous", "we");
  a report that some group urged *its followers* to subscribe is not one;
* a *credit*: a short line that starts with ©, "Copyright", "Photo:", "Credit",
  "Crédits photos", "Titelbild", "Bild:", ...

A paragraph of reported prose (several sentences, or long) is never furniture,
whatever words it holds: only short lines are tested, so a story that *quotes*
"subscribe" or "follow" stays whole.
"""

from __future__ import annotations

import re

_CUES = (
    r"read more|read also|also read|see also|related|more on this|more(?=\s*:)|recommended|watch|listen|"
    r"lea(?: también| más| además)?|lee(?: también| más)?|vea(?: también)?|mire|mira|puedes ver|le puede interesar|"
    r"te puede interesar|tambi[ée]n te puede interesar|ver m[áa]s|noticia relacionada|"
    r"lesen sie (?:auch|hier|mehr)|auch lesen|lies auch|mehr zum thema|mehr dazu|das k[öo]nnte sie auch interessieren|"
    r"weiterlesen|siehe auch|"
    r"[àa] lire aussi|lire aussi|voir aussi|[àa] voir aussi|"
    r"leggi anche|leia tamb[ée]m|veja tamb[ée]m|lees ook|lue my[öo]s|"
    r"czytaj (?:też|także|więcej)|zobacz (?:też|także)|dowiedz się więcej|przeczytaj (?:też|także)"
)
_TEASER = re.compile(rf"^\s*(?:>>\s*)?(?:{_CUES})\s*(?:[:»>|]|\s[-–—])\s*\S", re.IGNORECASE)
_LIST_LABEL = re.compile(
    r"^\s*(?:related(?: articles| stories| posts| content| news)?|more (?:stories|articles|news)(?: from [\w .]+)?|"
    r"recommended(?: for you)?|you (?:may|might) also like|read next|most (?:read|popular)|"
    r"contenido relacionado|notas relacionadas|noticias relacionadas|art[íi]culos relacionados|m[áa]s noticias|"
    r"schon gelesen|weitere (?:themen|artikel|beitr[äa]ge)(?: [\w .:-]+)?|top-themen(?: [\w .]+)?|"
    r"das (?:thema )?k[öo]nnte (?:sie|dich) auch interessieren|lesen sie auch(?: die folgenden beitr[äa]ge)?|"
    r"mehr (?:zum thema|themen)|auch auf [\w.-]+|[àa] lire aussi|sur le m[êe]me sujet|articles li[ée]s|"
    r"leggi anche|articoli correlati|czytaj (?:też|także)|polecane)\s*[:?!.]?\s*$",
    re.IGNORECASE,
)
_ACTION = re.compile(
    r"\b(?:subscrib\w*|subscription|sign up|sign-up|newsletter|log in|login|register now|download (?:the|our)\b.*\bapps?|"
    r"follow (?:us|the \w+(?: \w+)?) on (?:twitter|facebook|instagram|telegram|youtube|tiktok|linkedin|whatsapp|x)\b|"
    r"follow @|"
    r"suscr[ií]b\w*|suscripci[óo]n|s[íi]guenos|[úu]nete|hazte miembro|"
    r"abonnier\w*|abonnement|posteingang|nicht eingeloggt|"
    r"abonnez|s'abonner|cr[ée]ez votre compte|inscrivez|"
    r"abbonati|iscriviti|subskrypc\w*|zapisz się|zaloguj|prenumera\w*)\b",
    re.IGNORECASE,
)
# The reader addressed: second person, "we/our" of the outlet, or a sentence opening on the verb (imperative).
_ADDRESS = re.compile(
    r"\b(?:you|your|us|our|we|sie|ihr|ihre[nm]?|du|dich|dir|dein\w*|unser\w*|vous|votre|vos|nous|notre|nos|"
    r"tu|t[úu]|te|tus?|nuestr[oa]s?|usted|zapraszamy|nasz\w*|twoj\w*)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\s*\(?(?:©|\(c\)|copyright\b|credits?\b|photo(?:s| credit)?\s*:|foto(?:s)?\s*:|bild\s*:|titelbild\s*:|"
    r"image\s*(?:illustrative)?\s*:|cr[ée]dits? photos?\b|fuente\s*:|quelle\s*:|source\s*:)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"\b(?:all rights reserved|copyrighted property|alle rechte vorbehalten|"
                        r"tous droits r[ée]serv[ée]s|todos los derechos reservados|chroniony prawem autorskim|"
                        r"written permission)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]['\"”’»)]?\s+\S")


def _words(text: str) -> int:
    return len(text.split())


def _short(text: str, words: int) -> bool:
    """A line, not reported prose: few words and at most one sentence."""
    return _words(text) <= words and len(_SENTENCE_END.findall(text)) <= 1


def _headline_shaped(text: str) -> bool:
    return _words(text) <= 16 and "\n" not in text and not re.search(r"[.:;,]\s*$", text)


def _imperative(text: str) -> bool:
    """A sentence that opens on the action verb ("Subscribe now ...", "¿...? Únete desde ...")."""
    return any(_ACTION.match(part) for part in re.split(r"(?<=[.!?])\s+|^[¿¡]", text) if part)


def is_furniture(text: str) -> bool:
    """Whether one body paragraph is site furniture (teaser, list label, call to action, credit)."""
    t = " ".join(text.split())
    if not t:
        return False
    if _TEASER.match(t) and _short(t, 30):
        return True
    if _LIST_LABEL.match(t):
        return True
    if _ACTION.search(t) and _short(t, 40) and (_words(t) <= 6 or _ADDRESS.search(t) or _imperative(t)):
        return True
    if _CREDIT.match(t) and _short(t, 25):
        return True
    return bool(_COPYRIGHT.search(t)) and _short(t, 45)


def without_furniture(paragraphs: list[str]) -> list[str]:
    """The body without furniture paragraphs, and without the headlines listed under a list label.

    After a label such as "Related articles", headline-shaped lines are the list's items
    until the first line of prose; a label at the very end has nothing after it to drop.
    """
    out: list[str] = []
    in_list = False
    for p in paragraphs:
        t = " ".join(p.split())
        if _LIST_LABEL.match(t):
            in_list = True
            continue
        if in_list and _headline_shaped(t):
            continue
        in_list = False
        if is_furniture(t):
            continue
        out.append(p)
    return out if out else paragraphs


__all__ = ["is_furniture", "without_furniture"]
