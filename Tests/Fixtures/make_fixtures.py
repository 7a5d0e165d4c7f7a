#!/usr/bin/env python3
"""Writes the corpus fixtures used by the tests: one good corpus and one bad corpus per validation rule.

Each bad corpus is the good one with exactly one defect, so each test shows one rule at work. The
expected messages live in the tests themselves (and in bad/*.expected, written by
scripts/update-fixture-expectations and reviewed like code). Run from anywhere; it rewrites the folder.
"""
import copy
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

BODY = (
    "Britain, France and Germany were among 18 European countries to co-sign the letter.\n\n"
    "The group of 22 nations urged China to end its “mass arbitrary detentions.”\n\n"
    "In 2019, 25 countries issued a joint statement at the UN Human Rights Council.\n\n"
    # CJK (two columns, three UTF-8 bytes a character) and a name written with a combining diaeresis.
    "新疆维吾尔自治区 is how the region is named in Chinese; Raphae\u0308l Viana David welcomed it.\n\n"
    "Volker Türk spoke. Volker Türk spoke again."
)

GOOD = {
    "articles": [
        {
            "id": "a-letter",
            "title": "China rebuked over Xinjiang",
            "publisher": "Example Times",
            "published": "2019-07",
            "url": "https://example.org/letter",
            "authors": ["A. Writer"],
            "body": BODY,
        }
    ],
    "actors": [
        {"id": "gbr", "name": "United Kingdom", "kind": "state", "aliases": ["Britain"], "country": "GBR"},
        {"id": "fra", "name": "France", "kind": "state", "aliases": [], "country": "FRA"},
        {"id": "chn", "name": "China", "kind": "state", "aliases": ["Beijing"], "country": "CHN"},
        {"id": "un-hrc", "name": "UN Human Rights Council", "kind": "un-body", "aliases": []},
        {"id": "raphael", "name": "Raphae\u0308l Viana David", "kind": "person", "aliases": [], "role": "China program manager"},
        {"id": "turk", "name": "Volker Türk", "kind": "person", "aliases": [], "affiliations": ["un-hrc"]},
    ],
    "statements": [
        {
            "id": "s-letter",
            "title": "Joint letter on Xinjiang",
            "kind": "letter",
            "date": "2019-07-08",
            "forum": "un-hrc",
            "stance": "critical",
            "leads": [],
            "addressees": [{"actor": "chn", "excerpts": ["x-22"]}],
            "counts": [
                {"value": 22, "excerpt": "x-22"},
                {"value": 25, "excerpt": "x-25"},
            ],
            "signatories": [
                {"actor": "gbr", "excerpts": ["x-britain"]},
                {"actor": "fra", "excerpts": ["x-britain"]},
            ],
            "excerpts": ["x-britain"],
        }
    ],
    "events": [
        {"id": "e-letter", "date": "2019-07", "title": "Letter delivered", "actors": ["gbr"], "statements": ["s-letter"], "excerpts": ["x-22"]}
    ],
    "excerpts": [
        {"id": "x-britain", "article": "a-letter", "quote": "Britain, France and Germany were among 18 European countries to co-sign the letter.", "about": ["gbr", "fra"]},
        {"id": "x-22", "article": "a-letter", "quote": "The group of 22 nations urged China", "about": ["chn"]},
        {"id": "x-25", "article": "a-letter", "quote": "In 2019, 25 countries issued a joint statement", "about": ["un-hrc"]},
        {"id": "x-cjk", "article": "a-letter", "quote": "新疆维吾尔自治区", "about": ["chn"]},
        {"id": "x-raphael", "article": "a-letter", "quote": "Raphae\u0308l Viana David welcomed it.", "about": ["raphael"]},
        {"id": "x-turk-2", "article": "a-letter", "quote": "Volker Türk spoke", "prefix": ". ", "suffix": " again", "about": ["turk"]},
    ],
}


def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def mutate(change):
    corpus = copy.deepcopy(GOOD)
    change(corpus)
    return dump(corpus)


def text_edit(old, new):
    text = dump(GOOD)
    assert text.count(old) == 1, old
    return text.replace(old, new)


def statement(c):
    return c["statements"][0]


def excerpt(c, ident):
    return next(x for x in c["excerpts"] if x["id"] == ident)


def actor(c, ident):
    return next(x for x in c["actors"] if x["id"] == ident)


# name -> file text. Each names the one rule it breaks.
BAD = {
    # JSON syntax and encoding
    "syntax-trailing-comma": text_edit('"authors": [\n        "A. Writer"\n      ],', '"authors": [\n        "A. Writer",\n      ],'),
    "syntax-unterminated-string": dump(GOOD)[:200],
    "syntax-duplicate-key": text_edit('"title": "China rebuked over Xinjiang",', '"title": "China rebuked over Xinjiang",\n      "title": "Again",'),
    "syntax-lone-surrogate": text_edit('"A. Writer"', '"A. \\ud800Writer"'),
    "syntax-deep-nesting": '{"articles": ' + "[" * 300 + "]" * 300 + "}\n",
    "empty-file": "",
    # Types and shape
    "type-title-number": mutate(lambda c: c["articles"][0].update(title=42)),
    "type-not-an-object": "[]\n",
    "missing-key": mutate(lambda c: c.pop("events")),
    "missing-field": mutate(lambda c: c["articles"][0].pop("publisher")),
    "unknown-field": mutate(lambda c: statement(c).update(signatorys=[])),
    "count-not-whole": mutate(lambda c: statement(c)["counts"][0].update(value=-3)),
    # Ids and references
    "bad-id": mutate(lambda c: actor(c, "fra").update(id="fr ance")),
    "duplicate-id": mutate(lambda c: c["events"][0].update(id="gbr")),
    "dangling-reference": mutate(lambda c: statement(c)["signatories"][1].update(actor="deu")),
    "wrong-kind-reference": mutate(lambda c: statement(c).update(leads=[{"actor": "x-22", "excerpts": ["x-22"]}])),
    "self-affiliation": mutate(lambda c: actor(c, "turk").update(affiliations=["turk"])),
    # Quotes
    "quote-not-found": mutate(lambda c: excerpt(c, "x-22").update(quote="Nothing of the kind was said by anyone")),
    "quote-ambiguous": mutate(lambda c: excerpt(c, "x-turk-2").pop("prefix") and excerpt(c, "x-turk-2").pop("suffix")),
    "quote-context-not-found": mutate(lambda c: excerpt(c, "x-turk-2").update(prefix="said ")),
    "quote-inside-combined-character": mutate(lambda c: excerpt(c, "x-raphael").update(quote="Raphae")),
    # Dates and enumerations
    "date-impossible": mutate(lambda c: statement(c).update(date="2019-02-29")),
    "date-malformed": mutate(lambda c: c["events"][0].update(date="July 2019")),
    "enum-stance": mutate(lambda c: statement(c).update(stance="hostile")),
    "enum-actor-kind": mutate(lambda c: actor(c, "un-hrc").update(kind="un body")),
    # Actors and statements
    "country-unknown": mutate(lambda c: actor(c, "fra").update(country="FRX")),
    "forum-not-an-actor": mutate(lambda c: statement(c).update(forum="x-22")),
    "speaker-not-an-actor": mutate(lambda c: excerpt(c, "x-22").update(speaker="s-letter")),
    "supplied-unknown-field": mutate(lambda c: statement(c).update(supplied={"dat": "from the public record"})),
    "role-without-excerpt": mutate(lambda c: statement(c).update(leads=[{"actor": "gbr", "excerpts": []}])),
    "signatory-twice": mutate(lambda c: statement(c)["signatories"].append({"actor": "gbr", "excerpts": ["x-britain"]})),
    "signatory-without-excerpt": mutate(lambda c: statement(c)["signatories"][0].update(excerpts=[])),
    # Said not to sign: each with the excerpt that says so, and how in a word the format knows.
    "declined-without-excerpt": mutate(lambda c: statement(c).update(declined=[{"actor": "chn", "excerpts": []}])),
    "declined-unknown-how": mutate(lambda c: statement(c).update(declined=[{"actor": "chn", "how": "refused", "excerpts": ["x-22"]}])),
    # Misquotes: a number, or only the quotation marks, differ from the article's words.
    "quote-misquoted": mutate(lambda c: excerpt(c, "x-22").update(quote="The group of 23 nations urged China")),
    "quote-straight-quotes": mutate(lambda c: excerpt(c, "x-22").update(quote='urged China to end its "mass arbitrary detentions."')),
}

# Valid corpora that must load, with a warning.
WARN = {
    "count-below-named": mutate(lambda c: statement(c)["counts"][0].update(value=1)),
    "state-without-country": mutate(lambda c: actor(c, "fra").pop("country")),
    "forum-named-like-an-actor": mutate(lambda c: statement(c).update(forum="UN Human Rights Council")),
    "role-plain-id": mutate(lambda c: statement(c).update(addressees=["chn"])),
    "speaker-named-like-an-actor": mutate(lambda c: excerpt(c, "x-britain").update(speaker="United Kingdom")),
    # One source names a signatory, another says it did not sign: kept, with a warning.
    "declined-and-signed": mutate(lambda c: statement(c).update(declined=[{"actor": "gbr", "how": "did-not-sign", "excerpts": ["x-britain"]}])),
}


def own_fields(c):
    """A corpus as users write it: a forum in words that is no actor's name, and fields of their own."""
    statement(c).update({"forum": "Third Committee of the UN General Assembly", "x-vote": {"yes": 22, "no": 0}})
    actor(c, "fra").update({"x-region": "Western European and Others Group"})
    c["articles"][0]["x-archived"] = "https://archive.example/a-letter"
    c["events"][0]["x-tags"] = ["letter", "2019"]
    excerpt(c, "x-22")["x-checked"] = True
    c["events"][0]["supplied"] = "from the UN's own press release; the article does not report the delivery"


OWN_FIELDS = mutate(own_fields)


def write(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main():
    for folder in ("good", "bad", "warn"):
        shutil.rmtree(os.path.join(HERE, folder), ignore_errors=True)
        os.makedirs(os.path.join(HERE, folder))
    write(os.path.join(HERE, "good", "small.json"), dump(GOOD))
    write(os.path.join(HERE, "good", "own-fields.json"), OWN_FIELDS)
    # White space of another kind: the article has no-break spaces and a line break where the quote
    # has plain spaces. Not a problem: the excerpt holds the article's characters.
    spaced = copy.deepcopy(GOOD)
    spaced["articles"][0]["body"] = BODY.replace("The group of 22 nations urged", "The group of\u00a022\u00a0nations\nurged", 1)
    write(os.path.join(HERE, "good", "white-space-kinds.json"), dump(spaced))
    # The same corpus in the directory form, one file a collection.
    directory = os.path.join(HERE, "good", "small-dir")
    os.makedirs(directory)
    for key, records in GOOD.items():
        write(os.path.join(directory, key + ".json"), dump(records))
    for name, text in BAD.items():
        write(os.path.join(HERE, "bad", name + ".json"), text)
    # Bytes that are not UTF-8 inside a string (Latin-1 "é").
    with open(os.path.join(HERE, "bad", "invalid-utf8.json"), "wb") as handle:
        handle.write(dump(GOOD).replace("Example Times", "Exampl\udce9 Times").encode("utf-8", "surrogateescape"))
    # Directory form: a missing file, and a syntax error that must be reported against its own file.
    missing = os.path.join(HERE, "bad", "dir-missing-events")
    shutil.copytree(directory, missing)
    os.remove(os.path.join(missing, "events.json"))
    broken = os.path.join(HERE, "bad", "dir-syntax-in-actors")
    shutil.copytree(directory, broken)
    write(os.path.join(broken, "actors.json"), dump(GOOD["actors"]).replace('"kind": "state",', '"kind": "state"', 1))
    # Directory form, a semantic error: found after the file's bytes were let go, so locating it means
    # reading the file again.
    dangling = os.path.join(HERE, "bad", "dir-dangling-reference")
    shutil.copytree(directory, dangling)
    statements = copy.deepcopy(GOOD["statements"])
    statements[0]["signatories"][1]["actor"] = "deu"
    write(os.path.join(dangling, "statements.json"), dump(statements))
    for name, text in WARN.items():
        write(os.path.join(HERE, "warn", name + ".json"), text)


if __name__ == "__main__":
    main()
