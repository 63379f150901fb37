"""Every real file in ../shared/realworld/ imports, and says what the file says.

Each test asserts facts read from the file itself (its concepts, languages, a
term's status, a definition and its language, a relation), not only that the
import succeeded. The files are other tools' output, never copied here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SHARED

from generator.errors import TermBaseError
from generator.interop.csv_import import import_csv
from generator.interop.result import summary
from generator.interop.skos_import import import_skos
from generator.interop.tbx_import import import_tbx
from generator.termbase import loader

REAL = SHARED / "realworld"


def tbx(name: str, **options):
    return import_tbx((REAL / "tbx" / name).read_bytes(), name, **options)


def csv_file(name: str, **options):
    return import_csv((REAL / "csv" / name).read_bytes(), name, **options)


def sound(result):
    """What the import returns is a term base the loader accepts."""
    return loader.check_data(result.data, "imported.yaml")


def terms(termbase, cid: str, lang: str) -> list[tuple[str, str]]:
    return [(t.text, t.status) for t in termbase.concepts[cid].langs[lang].terms]


# --- TBX -------------------------------------------------------------------------------------------------------


def test_weblate_obsolete_terms_are_never_preferred_and_the_report_says_so_first():
    result = tbx("weblate_fr-extended-metadata.tbx")
    tb = sound(result)
    assert terms(tb, "e001", "en") == [("data bus", "deprecated")]
    assert terms(tb, "e001", "fr") == [("bus de données", "deprecated")]
    lines = summary(result)
    assert lines[1].startswith("  warning:") and "e001' › en: no acceptable term" in lines[1]
    assert "e001' › fr: no acceptable term" in lines[2]
    # "Translation needed: No": the French code is meant to be written as in English
    assert [(t.text, t.same_as_source) for t in tb.concepts["e002"].langs["fr"].terms] == [("SYS_ERR_406", True)]
    assert tb.concepts["e002"].langs["en"].terms[0].note == "Do not translate error codes."


def test_a_usage_note_that_forbids_a_term_demotes_it_even_when_marked_preferred():
    raw = (
        (REAL / "tbx" / "weblate_fr-extended-metadata.tbx")
        .read_bytes()
        .replace(
            b'<termNote type="administrativeStatus">obsolete</termNote>',
            b'<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>',
        )
    )
    result = import_tbx(raw, "x.tbx")
    tb = sound(result)
    assert terms(tb, "e001", "en") == [("data bus", "deprecated")]
    demoted = [n.problem.message for n in result.notes if n.kind == "demoted"]
    assert len(demoted) == 2 and "Avoid using this term" in demoted[0]


def test_maryland_french_definition_under_an_english_file_language_is_filed_as_french_with_a_warning():
    result = tbx("okapi_maryland.tbx")
    tb = sound(result)
    concept = tb.concepts["eid-voccod-211-01"]
    assert set(tb.languages) == {"fr", "it", "es", "en"} and tb.source_language == "en"
    assert concept.langs["fr"].definition.startswith("personne qui accomplit un travail copie")
    assert concept.langs["en"].definition is None
    assert terms(tb, "eid-voccod-211-01", "fr")[0] == ("copiste", "preferred")
    [warning] = [n for n in result.notes if n.kind == "warning"]
    assert "does not say the language of a concept-level definition" in warning.problem.message
    assert warning.problem.line == 28


def test_sdl_inline_cross_references_become_plain_text_and_relations_and_the_report_stays_short():
    result = tbx("okapi_sdl_tbx.tbx")
    tb = sound(result)
    assert len(tb.concepts) == 223 and set(tb.languages) == {"de", "en"}
    texts = [s.definition or "" for c in tb.concepts.values() for s in c.langs.values()]
    assert not any("<A=" in t or "</A>" in t for t in texts)
    assert "c175" in tb.concepts["c3"].related  # "<A=c175:c175-en-t1>secondary color</A>" in c3's definition
    assert "secondary color" in tb.concepts["c3"].langs["en"].definition
    assert len(summary(result)) <= 8, summary(result)  # 1,101 lines of repeats before


def test_fairterm_dialect_is_read_leniently_with_what_was_not_understood():
    result = tbx("fairterm_export-3.tbx")
    tb = sound(result)
    assert len(tb.concepts) == 14 and set(tb.languages) == {"fr", "it"}  # 17 entries, 3 of them without terms
    dropped = [n.problem.message for n in result.notes if "dropped the entry: it has no terms" in n.problem.message]
    assert [m.split("'")[1] for m in dropped] == ["3", "858", "951"]
    assert ("interdiction légale", "deprecated") in terms(tb, "117", "fr")  # fairterm:usage "obsolete term"
    assert terms(tb, "117", "fr")[0] == ("interdiction des droits civiques, civils et de famille", "preferred")
    first = tb.concepts["117"].langs["fr"].terms[0]
    assert (first.pos, first.gender) == ("noun", "feminine")  # NOUN, Fem
    assert tb.concepts["117"].langs["fr"].definition.startswith("peine complementaire qui peut être prononcée")
    kinds = {n.kind for n in result.notes}
    assert {"warning", "not-understood"} <= kinds
    assert any("'identifier'" in n.problem.message for n in result.notes if n.kind == "not-understood")
    with pytest.raises(TermBaseError, match="without --strict"):
        tbx("fairterm_export-3.tbx", strict=True)


@pytest.mark.parametrize(
    ("name", "concepts", "languages", "fact"),
    [
        ("okapi_ibm_tbx.tbx", 5, {"en", "fr"}, ("c1", "en", "navigation trail")),
        ("okapi_medtronic_TBX.tbx", 3, 14, ("c7331", "en", "patient identifier")),
        ("okapi_oracle_TBX.tbx", 2, {"en", "pt"}, ("c2", "pt", "Valor a Atingir")),
        ("okapi_test01.tbx", 1, {"en", "hu"}, ("eid-oracle-67", "hu", "Alfa simítási tényező")),
        ("okapi_test02_win1254.tbx", 1, {"en", "tr"}, ("id1", "tr", "tr term with: éá and İı")),
        ("omegat_sampleTBXfile.tbx", 1, {"en", "hu"}, ("eid-oracle-67", "en", "alpha smoothing factor")),
        ("weblate_cs.tbx", 4, {"en", "cs"}, ("address-bar", "cs", "adresní řádek")),
    ],
)
def test_other_tbx_files_import_with_their_concepts_languages_and_terms(name, concepts, languages, fact):
    tb = sound(tbx(name))
    assert len(tb.concepts) == concepts
    assert (len(tb.languages) if isinstance(languages, int) else set(tb.languages)) == languages
    cid, lang, term = fact
    assert term in [t.text for t in tb.concepts[cid].langs[lang].terms]


def test_oracle_standardized_term_is_preferred():
    tb = sound(tbx("okapi_oracle_TBX.tbx"))
    assert ("Valor a Atingir", "preferred") in terms(tb, "c2", "pt")


# --- CSV and TSV -----------------------------------------------------------------------------------------------


def test_weblate_source_target_needs_its_languages_then_imports_every_row():
    with pytest.raises(TermBaseError, match="--languages SRC,TGT"):
        csv_file("weblate_terms-header.csv")
    tb = sound(csv_file("weblate_terms-header.csv", languages=["en", "cs"]))
    rows = [line for line in (REAL / "csv" / "weblate_terms-header.csv").read_text("utf-8").splitlines()[1:] if line]
    assert len(tb.concepts) == len(rows) == 163
    assert terms(tb, "loading-please-wait", "cs") == [("Načítá se, prosím čekejte", "preferred")]


def test_crowdin_export_maps_49_language_names_to_codes():
    result = csv_file("fcc_curriculum.csv")
    tb = sound(result)
    assert len(tb.languages) == 49 and tb.source_language == "en"
    assert {"de", "pt-BR", "zh-Hans", "sr-Cyrl", "bn-IN", "ur-PK", "id", "uk", "es"} <= set(tb.languages)
    assert terms(tb, "ali", "de") == [("Camper Katze", "preferred")]
    assert tb.concepts["ali"].langs["de"].definition == "Charakter von freeCodeCamp"
    assert tb.concepts["ali"].langs["en"].terms[0].pos == "noun"  # Part:English NOUN
    misspelt = [n.problem.message for n in result.notes if "taken as" in n.problem.message]
    assert any("'Indoensian' read as 'id'" in m for m in misspelt)
    assert any("'Ukranian' read as 'uk'" in m for m in misspelt)
    empty = sound(csv_file("fcc_client.csv"))  # the header alone: every language, no concept
    assert len(empty.languages) == 49 and not empty.concepts


def test_omegat_csv_quoting_edge_cases():
    tb = sound(csv_file("omegat_test.csv", languages=["en", "cs"]))
    pairs = {c.langs["en"].terms[0].text: c.langs["cs"].terms[0].text for c in tb.concepts.values()}
    assert pairs == {
        "kde": "csv kde",
        "question": "csv q",
        "kde; question": "comma",
        "kde, qu": "comma dot",
        '"kde","q"': "cdk",
        '""k': "k",
        'zz"zz': "zz",
    }


def test_okapi_csv_and_tsv_with_blank_broken_lines_and_padding():
    tb = sound(csv_file("okapi_test01.csv", languages=["en", "de"]))
    assert [c.langs["en"].terms[0].text for c in tb.concepts.values()] == [
        "source 1",
        "source 2",
        "source 3",
        "source 3",
    ]
    assert terms(tb, "source-2", "de") == [("target 2", "preferred")]
    tsv = sound(csv_file("okapi_test01.tsv", languages=["en", "de"]))
    assert terms(tsv, "term-2", "de") == [("trans term 2", "preferred")]
    assert "de" not in tsv.concepts["entry-with-one-tab-no-target"].langs  # the source term alone
    assert [t.text for t in tsv.concepts["no-source"].langs["de"].terms] == ["no source"]


def test_utf16_big_endian_tsv():
    tb = sound(csv_file("okapi_test02_utf16be.tsv", languages=["en", "fr"]))
    assert terms(tb, "entry-1", "fr") == [("trans 1", "preferred")]
    assert len(tb.concepts) == 2


def test_an_unknown_layout_shows_its_header_and_how_to_map_it():
    raw = "Begriff;Erklärung;Englisch\nKunde;Wer Services erhält;customer\n".encode()
    with pytest.raises(TermBaseError) as refused:
        import_csv(raw, "x.csv")
    assert "1='Begriff', 2='Erklärung', 3='Englisch'" in str(refused.value) and "--columns" in str(refused.value)
    result = import_csv(raw, "x.csv", columns="Begriff=term:de,Erklärung=definition:de,Englisch=term:en")
    tb = sound(result)
    assert tb.source_language == "de" and terms(tb, "kunde", "en") == [("customer", "preferred")]
    assert tb.concepts["kunde"].langs["de"].definition == "Wer Services erhält"


def test_a_mapped_status_column_never_makes_a_forbidden_term_preferred():
    raw = b"id,en,en status\nc1,data bus,forbidden\nc2,bus,preferred\n"
    result = import_csv(raw, "x.csv", columns="1=concept,2=term:en,3=status:en")
    tb = sound(result)
    assert terms(tb, "c1", "en") == [("data bus", "deprecated")]
    assert terms(tb, "c2", "en") == [("bus", "preferred")]
    assert [n.kind for n in result.notes if "data bus" in n.problem.message] == ["changed", "warning"]


# --- SKOS ------------------------------------------------------------------------------------------------------


def skos(*names: str, **options):
    return import_skos([((REAL / "skos" / n).read_bytes(), n) for n in names], **options)


def test_gemet_five_files_join_into_one_term_base():
    result = skos(*(f"gemet/gemet-{lang}.rdf" for lang in ("en", "de", "nl", "fr", "it")))
    tb = sound(result)
    # GEMET writes some labels with two spaces ("endangered species  (IUCN)"): imported with one, and said so
    assert tb.concepts["2702"].langs["en"].terms[0].text == "endangered species (IUCN)"
    assert any("changed the spaces of “endangered species  (IUCN)”" in str(n.problem) for n in result.notes)
    assert len(tb.concepts) == 5520
    assert sum(1 for c in tb.concepts.values() if len(c.langs) == 5) == 5208
    body = tb.concepts["100"]
    assert body.langs["en"].preferred.text == "administrative body"
    assert body.langs["de"].preferred.text == "Verwaltungsbehörde"
    assert body.langs["nl"].preferred.text == "bestuurslichaam"
    assert body.langs["en"].notes[0].startswith("Any governmental agency or organization")  # scopeNote
    assert body.broader == ("13292",) and body.narrower == ("661",)
    assert tb.title["en"] == "GEMET"


def test_stw_keeps_its_deprecated_concepts_deprecated_and_points_to_the_replacement():
    tb = sound(skos("stw/stw-skos.ttl"))
    assert set(tb.languages) == {"en", "de"} and len(tb.concepts) == 6243 + 1151
    old = tb.concepts["10042-6"]
    assert terms(tb, "10042-6", "en") == [("Small country model", "deprecated")]
    assert old.related == ("10043-4",) and "replaced by '10043-4'" in old.langs["en"].notes[0]
    assert (
        sum(1 for c in tb.concepts.values() if all(t.status == "deprecated" for s in c.langs.values() for t in s.terms))
        == 1151
    )
    classical = tb.concepts["10041-1"]
    assert classical.langs["de"].preferred.text == "Klassische Ökonomie"
    assert {t.text for t in classical.langs["de"].others} == {"Klassische Theorie", "Klassische politische Ökonomie"}


def test_yso_with_skos_xl_labels_and_four_languages():
    tb = sound(skos("skosmos_yso.ttl"))
    assert set(tb.languages) == {"fi", "sv", "en", "se"} and len(tb.concepts) == 270
    laws = tb.concepts["p1464"]
    assert laws.langs["en"].preferred.text == "laws" and laws.langs["fi"].preferred.text == "lait"
    assert "lag" in {t.text for t in laws.langs["sv"].others}
    assert laws.langs["sv"].notes == ("De enskilda lagarna (underordnade begrepp) hänvisar till finländska lagar.",)


def test_geonetwork_rdf_xml_and_lexvoc_turtle():
    hazards = sound(skos("geonetwork_hazardtype.rdf"))
    assert len(hazards.concepts) == 7 and "Bushfire" in {
        c.langs["en"].preferred.text for c in hazards.concepts.values()
    }
    assert hazards.title["en"] == "Hazard Type"
    lexvoc = sound(skos("lexvoc_skos.ttl"))
    assert len(lexvoc.concepts) == 579 and len(lexvoc.languages) == 39


def test_skos_languages_option_limits_and_orders_the_languages():
    tb = sound(skos("skosmos_yso.ttl", languages=["en", "fi"]))
    assert list(tb.languages) == ["en", "fi"] and tb.source_language == "en"


# --- the command line ------------------------------------------------------------------------------------------


def test_import_command_summary_details_and_json_report(tmp_path):
    target = tmp_path / "out.yaml"
    source = REAL / "tbx" / "okapi_sdl_tbx.tbx"
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "import", str(source), "-o", str(target), "--report-json", "-"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["concepts"] == 223 and report["counts"]["dropped"] > 0 and len(report["notes"]) > 1000
    assert len(run.stderr.splitlines()) <= 8 and "--details" in run.stderr
    detailed = subprocess.run(
        [sys.executable, "-m", "generator.cli", "import", str(source), "-o", str(target), "--force", "--details"],
        capture_output=True,
        text=True,
    )
    assert len(detailed.stderr.splitlines()) > 1000
    assert (
        loader.load(target).concepts.keys()
        == loader.check_data(import_tbx(source.read_bytes(), "x").data, "x").concepts.keys()
    )


def test_import_command_joins_skos_files_and_sniffs_formats(tmp_path):
    files = [str(REAL / "skos" / "gemet" / f"gemet-{lang}.rdf") for lang in ("en", "de")]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "import",
            *files,
            "-o",
            str(tmp_path / "g.yaml"),
            "--languages",
            "de,en",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    tb = loader.load(tmp_path / "g.yaml")
    assert tb.source_language == "de" and len(tb.concepts) == 5520
    mixed = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "import",
            files[0],
            str(REAL / "tbx" / "weblate_cs.tbx"),
            "-o",
            str(tmp_path / "m.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert mixed.returncode == 2 and "different formats" in mixed.stderr
