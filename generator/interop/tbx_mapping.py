"""TBX interchange: the mapping between our term base and TBX, shared by export and import.

TBX (ISO 30042) is what terminology tools exchange, so the term base must leave
and come back through it without losing anything. The export writes TBX v3
TBX-Basic in DCA style, valid against the TBX core RELAX NG schema and within
the TBX-Basic Schematron rules (allowed data categories, values and levels).
Our format holds more than TBX-Basic has categories for; those fields ride in
the elements the core structure allows - `<note>` texts starting with a
``[glossary:KEY]`` prefix, `<p type="glossary:...">` in the header and a
`<back>` section of sources - so that our own export imports to the very same
data and exports again byte for byte.

Export mapping (our field -> TBX element, DCA):

=====================  ======================================================
title (first)          tbxHeader/fileDesc/titleStmt/title[@xml:lang]
title (others)         titleStmt/note[@xml:lang] "[glossary:title] TEXT"
source_language        tbx/@xml:lang
languages {code:name}  sourceDesc/p[@type="glossary:language"][@xml:lang]
sources {id: ...}      back/refObjectSec[@type="source"]/refObject[@id="source.ID"]
                       /item[@type=title|author|publisher|date|url|lang|note]
concept id             conceptEntry/@id (id, or "_" + id when not an NCName)
subject                conceptEntry/descrip[@type="subjectField"]
sources (concept)      conceptEntry/admin[@type="source"][@target="source.ID"]
broader, narrower,     conceptEntry/ref[@type="crossReference"][@target] (all
homonyms, related        four, in this order), plus conceptEntry/note
                         "[glossary:broader|narrower|homonyms] id, id" to tell
                         the first three from related
diagrams               conceptEntry/note "[glossary:diagrams] name, name"
language section       langSec[@xml:lang]
definition             langSec/descrip[@type="definition"]; inside a
                         descripGrp with admin[@type="source"] for the
                         concept's sources whose `lang` is the section's
notes                  langSec/note
examples               descrip[@type="context"] in the termSec of the
                         preferred term (TBX-Basic allows context only there)
term                   termSec/term
status                 termNote administrativeStatus: preferredTerm-admn-sts,
                         admittedTerm-admn-sts, deprecatedTerm-admn-sts
pos                    termNote partOfSpeech (properNoun -> noun, plus note
                         "[glossary:pos] properNoun")
gender                 termNote grammaticalGender (common -> other, plus note
                         "[glossary:gender] common")
type                   termNote termType
note                   termSec/note
plural                 termSec/note "[glossary:plural] TEXT"
same_as_source         termSec/note "[glossary:same_as_source] true"
=====================  ======================================================

A note of ours that itself starts with "[glossary:" is written as
"[glossary:note] TEXT", so no text is ever mistaken for a field.
"""

from __future__ import annotations

import re

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MARK = "[glossary:"
FORMAT_TYPE = "glossary:format"
FORMAT_TEXT = "glossary-generator term base (terms/termbase.yaml), TBX mapping 1"
LANGUAGE_TYPE = "glossary:language"
SOURCE_SECTION = "source"
SOURCE_ID_PREFIX = "source."
SOURCE_FIELDS = ("title", "author", "publisher", "date", "url", "lang", "note")
MARKED_RELATIONS = ("broader", "narrower", "homonyms")

STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
POS_TO_TBX = {
    "noun": "noun",
    "verb": "verb",
    "adjective": "adjective",
    "adverb": "adverb",
    "other": "other",
    "properNoun": "noun",
}
GENDER_TO_TBX = {
    "masculine": "masculine",
    "feminine": "feminine",
    "neuter": "neuter",
    "other": "other",
    "common": "other",
}

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
URL = re.compile(r"^https?://\S+$")
MARKED_NOTE = re.compile(r"^\[glossary:([a-z_]+)\] ?(.*)\Z", re.S)

# What TBX elements mean on import

DCT_KIND = {  # DCT style: data category element name -> the DCA element it stands for
    "subjectField": "descrip",
    "definition": "descrip",
    "context": "descrip",
    "administrativeStatus": "termNote",
    "normativeAuthorization": "termNote",
    "partOfSpeech": "termNote",
    "grammaticalGender": "termNote",
    "termType": "termNote",
    "termLocation": "termNote",
    "geographicalUsage": "termNote",
    "source": "admin",
    "customerSubset": "admin",
    "projectSubset": "admin",
    "crossReference": "ref",
    "xGraphic": "xref",
    "externalCrossReference": "xref",
    "transactionType": "transac",
    "responsibility": "transacNote",
}
POS_FROM_TBX = {
    "noun": "noun",
    "verb": "verb",
    "adjective": "adjective",
    "adverb": "adverb",
    "propernoun": "properNoun",
    "other": "other",
}
GENDER_FROM_TBX = {
    "fem": "feminine",
    "masc": "masculine",
    "mas": "masculine",
    "neut": "neuter",
    "f": "feminine",
    "m": "masculine",
    "n": "neuter",
    "masculine": "masculine",
    "feminine": "feminine",
    "neuter": "neuter",
    "other": "other",
    "othergender": "other",
    "common": "common",
}
TERM_TYPES = {t.lower(): t for t in ("fullForm", "acronym", "abbreviation", "shortForm", "phrase", "variant")}
DIALECTS_V3 = ("TBX-Basic", "TBX-Core", "TBX-Min")
ENTRY_NAMES = ("conceptEntry", "termEntry")
LANG_NAMES = ("langSec", "langSet")
TERM_SEC_NAMES = ("termSec", "tig", "ntig")
GROUP_NAMES = ("descripGrp", "adminGrp", "termNoteGrp")
