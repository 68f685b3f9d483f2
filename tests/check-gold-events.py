#!/usr/bin/env python3
# check-gold-events.py
#
# Copyright 2026 The Détente developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Imports the annotated articles of a gold folder (gold.json, format
detente-gold/1) into one project with `detente import`, one article at a
time as a user would, and checks that no real event became two
engagements.

An engagement stands for a gold event when it has the same participants
(persons by name, countries by ISO code), a compatible kind and status, and
one of its evidence sentences from that article holds the gold evidence.
The test also fails when fewer than three quarters of the required events
are found at all, so that an import that finds nothing cannot pass.

Usage: check-gold-events.py DETENTE GOLD_DIR
Exits 77 (skipped) when GOLD_DIR has no gold.json.
"""

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MEETS = {"meeting", "talks", "summit", "call"}
OFF = {"cancelled", "postponed"}


def kinds_compatible(a, b):
    return a == b or (a in MEETS and b in MEETS)


def statuses_compatible(a, b):
    a, b = a or "held", b or "held"
    if a in OFF or b in OFF:
        return (a in OFF) == (b in OFF)
    return {a, b} != {"held", "possible"}


def main():
    detente, gold_dir = sys.argv[1], sys.argv[2]
    gold_path = os.path.join(gold_dir, "gold.json")
    if not os.path.exists(gold_path):
        print(f"no annotations in {gold_dir}; skipped")
        return 77
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "gold.detente")
        for name, article in gold["articles"].items():
            cmd = [detente, "import", "-o", project]
            if article.get("published"):
                cmd += ["--published", article["published"]]
            cmd.append(os.path.join(gold_dir, name))
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        root = ET.parse(project).getroot()

    sources = {s.get("id"): (os.path.basename(s.get("file")), s.find("text").text.encode())
               for s in root.iter("source")}
    actors = {a.get("id"): a.get("name") if a.get("kind") == "person" else a.get("country")
              for a in root.iter("actor")}

    found = {}
    for e in root.iter("engagement"):
        participants = {actors[p] for p in e.get("participants").split()}
        # A visit's host country is a participant in a project, not in the
        # annotations.
        if e.get("kind") == "visit" and e.get("place-country") in participants:
            participants.discard(e.get("place-country"))
        sentences = []
        for ev in e.iter("evidence"):
            file, text = sources[ev.get("source")]
            start = int(ev.get("offset"))
            sentences.append((file, text[start:start + int(ev.get("length"))].decode()))
        for name, article in gold["articles"].items():
            for g in article["engagements"]:
                if (set(g["participants"]) == participants
                        and kinds_compatible(g["kind"], e.get("kind", "meeting"))
                        and statuses_compatible(g["status"], e.get("status"))
                        and any(f == name and g["evidence"] in s for f, s in sentences)):
                    found.setdefault(g["event"], set()).add(e.get("id"))

    required = {g["event"] for a in gold["articles"].values() for g in a["engagements"]
                if not g.get("optional")}
    duplicates = {event: ids for event, ids in found.items() if len(ids) > 1}
    share = len(required & found.keys()) / max(1, len(required))
    print(f"{len(required & found.keys())} of {len(required)} required events found; "
          f"{len(duplicates)} found more than once")
    for event, ids in sorted(duplicates.items()):
        print(f"  {event}: {' '.join(sorted(ids))}")
    return 1 if duplicates or share < 0.75 else 0


if __name__ == "__main__":
    sys.exit(main())
