#!/usr/bin/env python3
"""Build resources/samples/sample.detente from the sample articles.

The sample articles in articles/ were written for Détente; they describe real
2022-2023 US-China engagements in the project's own words.  This script turns
them into a project file in the format of docs/project-format.md (version 1):

  * every article becomes a <source>: the body (the text after the blank line
    that ends the "Key: value" headers), NFC-normalised, with \\n line ends and
    trailing whitespace stripped; its id is the SHA-256 of those UTF-8 bytes;
  * the actors and engagements below are hand annotations (origin="manual");
    each piece of evidence is a sentence quoted from an article, located here
    so that its byte offset and length are always right.

Standard library only; the output is deterministic (same input, same bytes).

Usage: build-sample.py [--output PATH]
"""

import argparse
import datetime
import hashlib
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
DEFAULT_OUTPUT = HERE / "sample.detente"
IMPORTED = "2026-11-22T00:00:00Z"
INDENT = "  "

ACTOR_KINDS = {"person", "country", "organisation"}
ENGAGEMENT_KINDS = {"meeting", "call", "visit", "host", "third-location", "talks",
                    "invitation", "summit", "other"}
STATUSES = {"held", "planned", "cancelled", "postponed", "possible"}
ORIGINS = {"extracted", "manual"}

# --------------------------------------------------------------------------
# Actors.  Roles are (title, organisation, from, to); an open role has to=None.
# "position" is present only for pinned actors.
# --------------------------------------------------------------------------

ACTORS = [
    {
        "name": "Joe Biden", "kind": "person", "country": "US",
        "aliases": ["Biden", "President Biden"],
        "roles": [("President", "United States", "2021-01-20", "2025-01-20")],
        "position": (-160, -120),
    },
    {
        "name": "Xi Jinping", "kind": "person", "country": "CN",
        "aliases": ["Xi", "President Xi"],
        "roles": [
            ("General Secretary", "Chinese Communist Party", "2012-11-15", None),
            ("President", "China", "2013-03-14", None),
        ],
        "position": (160, -120),
    },
    {
        "name": "Antony Blinken", "kind": "person", "country": "US",
        "aliases": ["Blinken", "Tony Blinken"],
        "roles": [("Secretary of State", "United States", "2021-01-26", "2025-01-20")],
    },
    {
        "name": "Wang Yi", "kind": "person", "country": "CN",
        "aliases": ["Wang"],
        "roles": [
            ("Foreign Minister", "China", "2013-03-16", "2022-12-30"),
            ("Director of the Office of the Central Foreign Affairs Commission",
             "Chinese Communist Party", "2023-01", None),
            ("Foreign Minister", "China", "2023-07-25", None),
        ],
        "notes": "China's top diplomat throughout 2023. Handed the foreign ministry "
                 "to Qin Gang at the end of 2022 and took it back on 25 July 2023, "
                 "while keeping the party post.",
    },
    {
        "name": "Qin Gang", "kind": "person", "country": "CN",
        "aliases": ["Qin"],
        "roles": [
            ("Ambassador to the United States", "China", "2021-07", "2022-12"),
            ("Foreign Minister", "China", "2022-12-30", "2023-07-25"),
        ],
        "notes": "Invited to Washington by Blinken in June 2023; the visit never "
                 "took place before he was removed as foreign minister.",
    },
    {
        "name": "Jake Sullivan", "kind": "person", "country": "US",
        "aliases": ["Sullivan"],
        "roles": [("National Security Advisor", "United States", "2021-01-20", "2025-01-20")],
    },
    {
        "name": "Janet Yellen", "kind": "person", "country": "US",
        "aliases": ["Yellen"],
        "roles": [("Secretary of the Treasury", "United States", "2021-01-26", "2025-01-20")],
    },
    {
        "name": "Li Qiang", "kind": "person", "country": "CN",
        "aliases": ["Premier Li"],
        "roles": [("Premier", "China", "2023-03-11", None)],
    },
    {
        "name": "He Lifeng", "kind": "person", "country": "CN",
        "aliases": ["Vice Premier He"],
        "roles": [("Vice Premier", "China", "2023-03-12", None)],
    },
    {
        "name": "United States", "kind": "country", "country": "US",
        "aliases": ["US", "U.S.", "United States of America", "America", "Washington"],
        "position": (-260, 40),
    },
    {
        "name": "China", "kind": "country", "country": "CN",
        "aliases": ["People's Republic of China", "PRC", "Beijing"],
        "position": (260, 40),
    },
    {
        "name": "Group of Twenty", "kind": "organisation",
        "aliases": ["G20"],
    },
    {
        "name": "Munich Security Conference", "kind": "organisation", "country": "DE",
        "aliases": ["MSC"],
    },
    {
        "name": "United States Department of State", "kind": "organisation", "country": "US",
        "aliases": ["State Department"],
    },
    {
        "name": "United States Department of Defense", "kind": "organisation", "country": "US",
        "aliases": ["Pentagon"],
    },
    {
        "name": "Chinese Ministry of Foreign Affairs", "kind": "organisation", "country": "CN",
        "aliases": ["China's foreign ministry"],
    },
]

# --------------------------------------------------------------------------
# Engagements.  Evidence is (article file name, exact sentence of its body).
# --------------------------------------------------------------------------

ENGAGEMENTS = [
    {
        "id": "e-2022-11-14-biden-xi", "kind": "summit", "status": "held",
        "date": "2022-11-14", "place": "Bali", "place-country": "ID", "confidence": 1.0,
        "participants": ["joe-biden", "xi-jinping"],
        "evidence": [
            ("01-bali-biden-xi.txt",
             "US President Joe Biden and Chinese President Xi Jinping met in person on "
             "Monday, 14 November 2022, in Nusa Dua on the Indonesian island of Bali, on "
             "the eve of the Group of Twenty (G20) summit."),
            ("05-blinken-beijing.txt",
             "Its purpose was the one agreed by President Joe Biden and President Xi "
             "Jinping in Bali: to keep communication open and stop the rivalry from "
             "sliding into conflict."),
        ],
    },
    {
        "id": "e-2022-11-14-blinken-china-visit-agreed", "kind": "visit", "status": "planned",
        "place-country": "CN", "confidence": 0.9,
        "participants": ["antony-blinken", "china"],
        "evidence": [
            ("01-bali-biden-xi.txt",
             "Secretary of State Antony Blinken will travel to China to continue the work "
             "begun in Bali, the White House said."),
            ("02-balloon-blinken-postpones.txt",
             "The trip was the one President Joe Biden and President Xi Jinping agreed on "
             "when they met in Bali in November."),
        ],
    },
    {
        "id": "e-2023-02-03-blinken-wang-yi-call", "kind": "call", "status": "held",
        "date": "2023-02-03", "confidence": 0.9,
        "participants": ["antony-blinken", "wang-yi"],
        "evidence": [
            ("02-balloon-blinken-postpones.txt",
             "Earlier that day, Mr. Blinken spoke by telephone with Wang Yi, who heads the "
             "Chinese Communist Party's central foreign affairs office, to tell him the trip "
             "would not go ahead for now."),
        ],
    },
    {
        "id": "e-2023-02-05-blinken-china-visit-postponed", "kind": "visit",
        "status": "postponed", "date": "2023-02-05/2023-02-06",
        "place": "Beijing", "place-country": "CN", "confidence": 1.0,
        "participants": ["antony-blinken", "china"],
        "evidence": [
            ("02-balloon-blinken-postpones.txt",
             "On Friday, 3 February, Mr. Blinken announced that he would not travel to "
             "Beijing for talks that had been set for 5 and 6 February."),
            ("03-munich-blinken-wang.txt",
             "Neither side described the meeting as a step towards rescheduling the Beijing "
             "trip that Mr. Blinken had put off at the start of February."),
            ("05-blinken-beijing.txt",
             "The visit had originally been planned for early February, but was put off "
             "after a Chinese balloon crossed the United States."),
        ],
    },
    {
        "id": "e-2023-02-18-blinken-wang-yi", "kind": "meeting", "status": "held",
        "date": "2023-02-18", "place": "Munich", "place-country": "DE", "confidence": 1.0,
        "participants": ["antony-blinken", "wang-yi"],
        "evidence": [
            ("03-munich-blinken-wang.txt",
             "Secretary of State Antony Blinken met Wang Yi, the director of the Office of "
             "the Central Foreign Affairs Commission of the Chinese Communist Party, on "
             "Saturday, 18 February 2023, on the sidelines of the Munich Security "
             "Conference."),
        ],
    },
    {
        "id": "e-2023-05-10-sullivan-wang-yi", "kind": "third-location", "status": "held",
        "date": "2023-05-10/2023-05-11", "place": "Vienna", "place-country": "AT",
        "confidence": 1.0,
        "participants": ["jake-sullivan", "wang-yi"],
        "evidence": [
            ("04-vienna-sullivan-wang.txt",
             "National Security Advisor Jake Sullivan held two days of talks with China's "
             "top diplomat, Wang Yi, in Vienna on Wednesday and Thursday, 10 and 11 May "
             "2023, the White House said on Thursday."),
        ],
    },
    {
        "id": "e-2023-06-18-blinken-china-visit", "kind": "visit", "status": "held",
        "date": "2023-06-18/2023-06-19", "place": "Beijing", "place-country": "CN",
        "confidence": 1.0,
        "participants": ["antony-blinken", "china"],
        "evidence": [
            ("05-blinken-beijing.txt",
             "Secretary of State Antony Blinken visited Beijing on 18 and 19 June 2023, the "
             "first trip to China by an American secretary of state in nearly five years — "
             "and the highest-level visit by a member of the Biden administration."),
            ("06-yellen-beijing.txt",
             "It was her first trip to China as Treasury Secretary, and it came less than "
             "three weeks after Secretary of State Antony Blinken's visit to Beijing in "
             "June."),
        ],
    },
    {
        "id": "e-2023-06-18-blinken-qin-gang", "kind": "meeting", "status": "held",
        "date": "2023-06-18", "place": "Beijing", "place-country": "CN", "confidence": 1.0,
        "participants": ["antony-blinken", "qin-gang"],
        "evidence": [
            ("05-blinken-beijing.txt",
             "On Sunday, 18 June, Mr. Blinken held talks with Foreign Minister Qin Gang at "
             "the Diaoyutai State Guesthouse."),
        ],
    },
    {
        "id": "e-2023-06-18-blinken-qin-gang-invitation", "kind": "invitation",
        "status": "held", "date": "2023-06-18", "place": "Washington",
        "place-country": "US", "confidence": 0.9,
        "participants": ["antony-blinken", "qin-gang"],
        "evidence": [
            ("05-blinken-beijing.txt",
             "Mr. Blinken invited Mr. Qin to visit Washington, and the two agreed to arrange "
             "the trip at a time that suited both sides."),
        ],
    },
    {
        "id": "e-2023-06-19-blinken-wang-yi", "kind": "meeting", "status": "held",
        "date": "2023-06-19", "place": "Beijing", "place-country": "CN", "confidence": 1.0,
        "participants": ["antony-blinken", "wang-yi"],
        "evidence": [
            ("05-blinken-beijing.txt",
             "On Monday, 19 June, he met Wang Yi, the Communist Party's most senior foreign "
             "policy official, for about three hours."),
        ],
    },
    {
        "id": "e-2023-06-19-blinken-xi", "kind": "meeting", "status": "held",
        "date": "2023-06-19", "place": "Beijing", "place-country": "CN", "confidence": 1.0,
        "participants": ["antony-blinken", "xi-jinping"],
        "evidence": [
            ("05-blinken-beijing.txt",
             "Later on Monday, Mr. Blinken was received by Mr. Xi at the Great Hall of the "
             "People."),
        ],
    },
    {
        "id": "e-2023-07-06-yellen-china-visit", "kind": "visit", "status": "held",
        "date": "2023-07-06/2023-07-09", "place": "Beijing", "place-country": "CN",
        "confidence": 1.0,
        "participants": ["janet-yellen", "china"],
        "evidence": [
            ("06-yellen-beijing.txt",
             "Ms. Yellen arrived in the Chinese capital on Thursday, 6 July."),
            ("06-yellen-beijing.txt",
             "Treasury Secretary Janet Yellen ended a four-day visit to Beijing on Sunday, "
             "9 July 2023, saying that the world's two largest economies had serious "
             "disagreements but that there was room for both of them to prosper."),
        ],
    },
    {
        "id": "e-2023-07-07-yellen-li-qiang", "kind": "meeting", "status": "held",
        "date": "2023-07-07", "place": "Beijing", "place-country": "CN", "confidence": 1.0,
        "participants": ["janet-yellen", "li-qiang"],
        "evidence": [
            ("06-yellen-beijing.txt",
             "On Friday, 7 July, she met Premier Li Qiang at the Great Hall of the People."),
        ],
    },
    {
        "id": "e-2023-07-08-yellen-he-lifeng", "kind": "talks", "status": "held",
        "date": "2023-07-08", "place": "Beijing", "place-country": "CN", "confidence": 1.0,
        "participants": ["janet-yellen", "he-lifeng"],
        "evidence": [
            ("06-yellen-beijing.txt",
             "On Saturday, 8 July, Ms. Yellen held a long round of talks at the Diaoyutai "
             "State Guesthouse with Vice Premier He Lifeng, who became China's lead official "
             "on economic relations with the United States after taking office in March."),
        ],
    },
]


class BuildError(Exception):
    pass


def fail(message):
    raise BuildError(message)


def slug(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s


def normalise_text(body):
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value, what):
    parts = value.split("/")
    if len(parts) > 2:
        fail(f"{what}: bad date range {value!r}")
    for part in parts:
        m = DATE_RE.match(part)
        if not m:
            fail(f"{what}: bad date {value!r}")
        year, month, day = m.groups()
        try:
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            fail(f"{what}: impossible date {value!r}")
        if not 1 <= int(year) <= 9999:
            fail(f"{what}: year out of range in {value!r}")
    if len(parts) == 2 and parts[0] > parts[1]:
        fail(f"{what}: range ends before it starts: {value!r}")


def check_country(value, what):
    if not re.fullmatch(r"[A-Z]{2}", value):
        fail(f"{what}: bad ISO 3166 alpha-2 code {value!r}")


def read_article(path):
    raw = path.read_text(encoding="utf-8")
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    head, sep, body = raw.partition("\n\n")
    if not sep:
        fail(f"{path.name}: no blank line after the headers")
    headers = {}
    for line in head.split("\n"):
        key, colon, value = line.partition(":")
        if not colon or not key.strip():
            fail(f"{path.name}: bad header line {line!r}")
        headers[key.strip().lower()] = value.strip()
    for key in ("title", "date", "author"):
        if not headers.get(key):
            fail(f"{path.name}: missing header {key!r}")
    check_date(headers["date"], path.name)
    text = normalise_text(body)
    if not text:
        fail(f"{path.name}: empty body")
    return {
        "id": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "file": path.name,
        "title": headers["title"],
        "author": headers["author"],
        "url": headers.get("url", ""),
        "published": headers["date"],
        "imported": IMPORTED,
        "text": text,
    }


def number(value):
    """Deterministic short text for a number: 1.0 -> "1", 0.9 -> "0.9"."""
    return format(float(value), "g")


def attrs(pairs):
    """' name="value"' for every non-empty value, in the given order."""
    out = []
    for name, value in pairs:
        if value is None or value == "":
            continue
        out.append(f" {name}={quoteattr(str(value))}")
    return "".join(out)


def locate(source, sentence, what):
    sentence = unicodedata.normalize("NFC", sentence)
    text = source["text"]
    count = text.count(sentence)
    if count != 1:
        fail(f"{what}: evidence found {count} times in {source['file']}, "
             f"expected exactly once: {sentence!r}")
    index = text.index(sentence)
    offset = len(text[:index].encode("utf-8"))
    length = len(sentence.encode("utf-8"))
    return offset, length, sentence


def validate_model(actors, engagements):
    actor_ids = set()
    for actor in actors:
        aid = actor["id"]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", aid):
            fail(f"actor id {aid!r} is not a slug")
        if aid in actor_ids:
            fail(f"duplicate actor id {aid!r}")
        actor_ids.add(aid)
        if actor["kind"] not in ACTOR_KINDS:
            fail(f"{aid}: bad kind {actor['kind']!r}")
        if actor.get("country"):
            check_country(actor["country"], aid)
        if actor["kind"] == "country" and not actor.get("country"):
            fail(f"{aid}: a country actor needs its own code")
        if len(set(actor.get("aliases", []))) != len(actor.get("aliases", [])):
            fail(f"{aid}: duplicate alias")
        for title, organisation, start, end in actor.get("roles", []):
            if not title:
                fail(f"{aid}: role without a title")
            for d in (start, end):
                if d:
                    check_date(d, f"{aid} role {title}")
    engagement_ids = set()
    for eng in engagements:
        eid = eng["id"]
        if eid in engagement_ids:
            fail(f"duplicate engagement id {eid!r}")
        engagement_ids.add(eid)
        if eng["kind"] not in ENGAGEMENT_KINDS:
            fail(f"{eid}: bad kind {eng['kind']!r}")
        if eng["status"] not in STATUSES:
            fail(f"{eid}: bad status {eng['status']!r}")
        if eng.get("origin", "manual") not in ORIGINS:
            fail(f"{eid}: bad origin")
        if eng.get("date"):
            check_date(eng["date"], eid)
        if eng.get("place-country"):
            check_country(eng["place-country"], eid)
        if not 0.0 <= float(eng["confidence"]) <= 1.0:
            fail(f"{eid}: confidence out of range")
        if len(set(eng["participants"])) != len(eng["participants"]):
            fail(f"{eid}: duplicate participant")
        for pid in eng["participants"]:
            if pid not in actor_ids:
                fail(f"{eid}: unknown participant {pid!r}")
        if eng["kind"] == "visit" and not any(
                a["id"] in eng["participants"] and a["kind"] == "country" for a in actors):
            fail(f"{eid}: a visit needs its host country as a participant")
        if not eng["evidence"]:
            fail(f"{eid}: no evidence")


def build(output):
    paths = sorted(ARTICLES.glob("*.txt"))
    if not paths:
        fail(f"no articles in {ARTICLES}")
    sources = [read_article(p) for p in paths]
    by_file = {s["file"]: s for s in sources}
    if len({s["id"] for s in sources}) != len(sources):
        fail("two articles have the same text")

    actors = []
    for spec in ACTORS:
        actor = dict(spec)
        actor["id"] = slug(spec["name"])
        actors.append(actor)
    validate_model(actors, ENGAGEMENTS)

    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<detente-project version="1">']
    i1, i2, i3 = INDENT, INDENT * 2, INDENT * 3

    out.append(f"{i1}<sources>")
    for s in sources:
        out.append(f"{i2}<source" + attrs([
            ("id", s["id"]), ("file", s["file"]), ("title", s["title"]),
            ("author", s["author"]), ("url", s["url"]), ("published", s["published"]),
            ("imported", s["imported"])]) + ">")
        out.append(f"{i3}<text>{escape(s['text'])}</text>")
        out.append(f"{i2}</source>")
    out.append(f"{i1}</sources>")

    out.append(f"{i1}<actors>")
    for a in actors:
        out.append(f"{i2}<actor" + attrs([
            ("id", a["id"]), ("name", a["name"]), ("kind", a["kind"]),
            ("country", a.get("country"))]) + ">")
        for alias in a.get("aliases", []):
            out.append(f"{i3}<alias>{escape(alias)}</alias>")
        for title, organisation, start, end in a.get("roles", []):
            out.append(f"{i3}<role" + attrs([
                ("title", title), ("organisation", organisation),
                ("from", start), ("to", end)]) + "/>")
        if a.get("notes"):
            out.append(f"{i3}<notes>{escape(a['notes'])}</notes>")
        if a.get("position"):
            x, y = a["position"]
            out.append(f"{i3}<position" + attrs([("x", number(x)), ("y", number(y))]) + "/>")
        out.append(f"{i2}</actor>")
    out.append(f"{i1}</actors>")

    out.append(f"{i1}<engagements>")
    for e in ENGAGEMENTS:
        out.append(f"{i2}<engagement" + attrs([
            ("id", e["id"]), ("kind", e["kind"]), ("status", e["status"]),
            ("date", e.get("date")), ("place", e.get("place")),
            ("place-country", e.get("place-country")),
            ("confidence", number(e["confidence"]) if e["confidence"] < 1 else None),
            ("origin", e.get("origin", "manual")),
            ("participants", " ".join(e["participants"]))]) + ">")
        for file_name, sentence in e["evidence"]:
            if file_name not in by_file:
                fail(f"{e['id']}: evidence names unknown article {file_name!r}")
            source = by_file[file_name]
            offset, length, sentence = locate(source, sentence, e["id"])
            out.append(f"{i3}<evidence" + attrs([
                ("source", source["id"]), ("offset", offset), ("length", length)])
                + f">{escape(sentence)}</evidence>")
        out.append(f"{i2}</engagement>")
    out.append(f"{i1}</engagements>")
    out.append("</detente-project>")

    data = ("\n".join(out) + "\n").encode("utf-8")
    verify(data)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(output)
    return len(sources), len(actors), len(ENGAGEMENTS)


def verify(data):
    """Re-read the generated bytes and check the format's cross-references."""
    root = ET.fromstring(data)
    if root.tag != "detente-project" or root.get("version") != "1":
        fail("bad root")
    texts = {}
    for s in root.iterfind("sources/source"):
        text = s.findtext("text")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != s.get("id"):
            fail(f"{s.get('file')}: id is not the SHA-256 of the text as read back")
        texts[s.get("id")] = text.encode("utf-8")
    actor_ids = {a.get("id") for a in root.iterfind("actors/actor")}
    for e in root.iterfind("engagements/engagement"):
        for pid in e.get("participants", "").split():
            if pid not in actor_ids:
                fail(f"{e.get('id')}: participant {pid} is not an actor")
        for ev in e.iterfind("evidence"):
            text = texts.get(ev.get("source"))
            if text is None:
                fail(f"{e.get('id')}: evidence names an unknown source")
            off, length = int(ev.get("offset")), int(ev.get("length"))
            if text[off:off + length].decode("utf-8") != ev.text:
                fail(f"{e.get('id')}: evidence does not match its bytes")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write the project (default: {DEFAULT_OUTPUT.name})")
    args = parser.parse_args(argv)
    try:
        n_sources, n_actors, n_engagements = build(args.output)
    except BuildError as err:
        print(f"build-sample: error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {n_sources} sources, {n_actors} actors, "
          f"{n_engagements} engagements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
