"""Line-level evidence: what a line looks like, independent of any one site's template.

These predicates carry the generic knowledge of how web pages are built: prose ends in sentence
punctuation, headlines are short and unpunctuated, calls to action and legal footers use a small
common vocabulary, link lists name domains. Nothing here knows a particular site.
"""

from __future__ import annotations

import re

__all__ = [
    "is_boilerplate",
    "is_caption",
    "is_about_header",
    "is_attributed_quote",
    "is_comment_meta",
    "is_credit_line",
    "is_link_intro",
    "is_link_row",
    "prose_words",
    "is_headline_shaped",
    "is_list_header",
    "is_promo_link",
    "is_section_label",
    "is_sentence",
    "is_thread_header",
    "subheading_text",
]

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$|[\"”’]$")
# Calls to action, sharing widgets, consent and legal notices: generic web chrome. The first
# pattern must cover a whole short line; the second finds legal and consent wording anywhere.
_BOILERPLATE = re.compile(
    r"(?i)(?:"
    r"(?:subscribe|sign up|sign in|log ?in|register)\b.{0,60}"
    r"|.{0,40}\b(?:newsletters?|subscribe)\b.{0,40}"
    r"|(?:share|tweet|email|print|comment|follow)(?: (?:this|us|on \w+))?(?: (?:article|story|page))?"
    r"|(?:advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top|read more|see more"
    r"|show more|load more)\W*"
    r"|(?:all rights reserved|copyright|\(c\)|©).*"
    r")$"
)
_LEGAL = ("all rights reserved", "cookie policy", "privacy policy", "terms of use", "terms of service",
          "javascript", "your browser")
_COOKIE_CONSENT = re.compile(r"\b(?:consent|accept|agree|use)\b")
# A line that ends by pointing elsewhere: a teaser's `... read more`, `Continue reading »`.
_POINTER_END = re.compile(r"(?i)(?:\bread more|\bcontinue reading|\bfull story)\W{0,3}$")
# `joetoronto says:`, `Reply`, `12 comments`: the furniture of a comment thread.
_COMMENT_META = re.compile(
    r"(?i)^(?:\S+(?: \S+){0,3} (?:says|said|wrote|writes):|reply|report(?: comment)?|\d+ (?:likes?|replies)"
    r"|(?:reply|like|dislike|report|share|flag)(?:\s+(?:reply|like|dislike|report|share|flag)(?: \(\d+\))?)+"
    r"|(?:load|show|view) (?:more|all|older|newer) (?:comments|replies)"
    r"|sort(?:ed)? by:? \w+(?: \w+)?)$"
)
# `(Reporting by A in Nairobi; Editing by B)`: a wire story's credit line, its last line.
_CREDIT = re.compile(
    r"(?i)^\(?(?:additional |writing and )?(?:reporting|writing|editing|compiled) by\b"
)
_LIST_HEADER = re.compile(
    r"(?i)^(?:related(?: \w+)?|more(?: \w+){0,3}|latest(?: \w+)?|recommended(?: \w+)?|trending(?: \w+)?"
    r"|most (?:read|popular|viewed|shared|commented)(?: (?:and |& |/ )?most \w+)*"
    r"|you (?:may|might) also (?:like|enjoy|be interested in)|read (?:more|next|also)"
    r"|also read|further reading|top stories|editor'?s picks|in other news|see also"
    r"|(?:\w+ )?(?:relacionad[oa]s|relacionats|correlati|similaires)"
    r"|(?:verwandte|ähnliche|похожие) \w+"
    r"|(?:lea|leia|lire|lesen sie|читайте) (?:también|também|aussi|auch|также)"
    r")\W*$"
)
_LINK_INTRO = re.compile(
    r"(?i)^(?:related|more|read|see|also|recommended|latest|trending|popular|further|follow|share"
    r"|tags?|topics?|filed|categor|sponsored|watch|listen|download|subscribe|sign up|click)\b"
)
_CAPTION_WORDS = ("credit", "photo", "image", "picture", "getty")
_CAPTION = re.compile(
    r"(?i)(?:\b(?:credit|photo|image|picture)s?: [^.]{0,80}$|^(?:photo|image|picture|pictured|file photo)\s*:"
    r"|\((?:photo|image|picture)\b[^)]*\)$|\bgetty images\W*$|\bphoto(?:graph)? by\b[^.]{0,60}$)"
)
# `About the author`, `About Acme Corp`: a biography or a press release's company profile,
# which follows the story and is not part of it.
_ABOUT = re.compile(r"(?i)^(?:about|sobre|über|à propos de|a proposito di|об авторе)(?: \S+){0,4}$")
_COMMENTS = re.compile(
    r"(?i)^(?:(?:\d+ )?(?:comments?|responses?|replies)|leave a (?:reply|comment)|post a comment"
    r"|add (?:a|your) comment|join the (?:discussion|conversation))\W*$"
)
# A comment thread's own header: `34 responses to "Headline"`, counted (`47 Comments`,
# `Comments (3)`) or inviting replies. A bare `Comment` is a share-bar button above the story.
_THREAD_HEADER = re.compile(
    r"(?i)^(?:\d+ (?:comments?|responses?|replies|thoughts) (?:to|on)\b"
    r"|(?:\d+ (?:comments?|responses?|replies)|(?:comments?|responses?) \(\d+\)|leave a (?:reply|comment)"
    r"|post a comment|add (?:a|your) comment|join the (?:discussion|conversation))\W*$)"
)
_SEPARATORS = re.compile(r"\s[|•·/]\s|\s[|•·]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DOMAIN = re.compile(r"(?i)\b[\w-]+\.(?:com|org|net|gov|edu|int|info|io|co|uk|news)\b")
_SUBHEADING = re.compile(r"^[-–—*=#]+\s*(?P<text>.+?)\s*[-–—*=#]+$")


def prose_words(text: str, words: int) -> int:
    """Word count that also works for scripts written without spaces (Chinese, Japanese):
    there, about two characters make a word."""
    if words * 12 < len(text):
        return max(words, len(_CJK.findall(text)) // 2 + words // 2)
    return words


# `"That's correct," Volker said.`, `"No," says the mayor.`: a quotation and its attribution.
_ATTRIBUTED_QUOTE = re.compile(
    r"^[\"“][^\"“”]+[,?!…][\"”] (?:[A-Za-z.'’-]+ ){1,3}(?:said|says|asked|asks|added|adds|replied|replies|told \w+)\.$"
    r"|^[\"“][^\"“”]+[,?!…][\"”] (?:said|says|asked|asks|added|adds|replied|replies) (?:[A-Za-z.'’-]+ ?){1,3}\.$")


def is_attributed_quote(text: str) -> bool:
    """A short paragraph of one quoted sentence and who said it: a story's paragraph, however
    short (an interview's answer often ends a story), never a menu entry or a teaser."""
    return bool(_ATTRIBUTED_QUOTE.match(text))


def is_sentence(text: str, words: int | None = None) -> bool:
    """Prose: ends like a sentence and has some length."""
    n = len(text.split()) if words is None else words
    return n >= 5 and bool(_SENTENCE_END.search(text[-4:]))


def is_headline_shaped(text: str) -> bool:
    """Short, capitalised, not ending as prose (headlines may end in `?`, `!` or a quote)."""
    words = text.split()
    if not 3 <= len(words) <= 25:
        return False
    first = text.lstrip("\"'“‘")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if text.endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    return not is_section_label(text)


def is_section_label(text: str) -> bool:
    """`SUPERPOWERS`, `WAR REPORT`: a short all-caps label."""
    if not 1 <= len(text.split()) <= 4 or not text.isupper():
        return False
    return sum(c.isalpha() for c in text) >= 3


def is_boilerplate(text: str) -> bool:
    """Calls to action, widgets and legal or consent notices."""
    if len(text) <= 120 and _BOILERPLATE.match(text):
        return True
    low = text.lower()
    if any(phrase in low for phrase in _LEGAL):
        return True
    if "cookie" in low and _COOKIE_CONSENT.search(low):
        return True
    return len(text) <= 400 and bool(_POINTER_END.search(text[-24:]))


def is_comment_meta(text: str) -> bool:
    """`name says:`, `Reply`: lines that frame reader comments, not the story."""
    return len(text) <= 60 and bool(_COMMENT_META.match(text))


def is_link_row(text: str, words: int) -> bool:
    """`Home | News | Sport`: a menu or link list flattened onto one line."""
    return words >= 4 and len(_SEPARATORS.findall(text)) * 4 >= words


def is_list_header(text: str) -> bool:
    """`RELATED CONTENT`, `More news`, `Most read`: the header of a list of other stories."""
    if len(text.split()) <= 5 and (_LIST_HEADER.match(text) or _COMMENTS.match(text)):
        return True
    return is_thread_header(text)


def is_thread_header(text: str) -> bool:
    """`34 responses to "Headline"`, `47 Comments`, `Leave a reply`: reader comments begin, the
    story is over (readers' long comments must not be taken for more of it)."""
    if len(text) > 200:
        return False
    return bool(_THREAD_HEADER.match(text))


def is_link_intro(text: str) -> bool:
    """`Related coverage from Money:`, `Follow us on:`: a line opening a list of links rather
    than a list that is part of the story."""
    return bool(_LINK_INTRO.match(text)) or is_list_header(text)


def is_caption(text: str) -> bool:
    """`Photo: Jane Roe, AP`, `... Credit: Getty Images`, `(Image: NASA)`: a picture's caption
    or credit, which the page prints beside the story but which is not its text."""
    if len(text) > 400:
        return False
    tail = text[-120:]
    low = text[:16].lower() + tail.lower()
    if not any(word in low for word in _CAPTION_WORDS):
        return False
    return bool(_CAPTION.search(tail)) or bool(_CAPTION.match(text))


def is_about_header(text: str) -> bool:
    """`About the author`, `About Acme`: a profile of the writer or the company follows."""
    return len(text) <= 60 and not text.endswith((".", "?", "!")) and bool(_ABOUT.match(text))


def is_credit_line(text: str) -> bool:
    """`(Reporting by ...; Editing by ...)`: the credits that close a wire story, not its prose."""
    if len(text) > 400 or not _CREDIT.match(text):
        return False
    return text.startswith("(") or ";" in text or "editing by" in text.lower()


def is_promo_link(text: str) -> bool:
    """A short line that points at a website rather than telling news."""
    return "." in text and len(text.split()) <= 20 and bool(_DOMAIN.search(text))


def subheading_text(text: str) -> str | None:
    """`- China the peacemaker? -` → `China the peacemaker?`."""
    m = _SUBHEADING.match(text)
    if m and 1 <= len(m["text"].split()) <= 15:
        return m["text"]
    return None
