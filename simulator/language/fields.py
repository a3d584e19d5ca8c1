"""The keys of a scenario, each described once: what it holds, whether it must be there, its
default, how the loader names it in a message, and the Dutch an editor shows for it.

The loader (``scenario.py``) reads a key with ``FIELD.read(reader)``; the JSON Schema
(``simulator.authoring.schema``) describes the same ``Field`` with the same values, range,
default and requirement. A key is added or changed here, once. What a table cannot say (a
route, a timer, the choices of a fase, effects, rule ids, the visitors) is read and
described by hand in both, and ``tests/authoring/test_schema.py`` holds those two together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.language.reader import MapReader
from simulator.language.vocabulary import (
    AGGRESSION_TYPES,
    DIFFICULTIES,
    GUARANTEES,
    JUDGEMENTS,
    LEVELS,
    OFFENCES,
    OUTCOMES,
    PRESSURES,
    ROLES,
)

# what a Field holds
TEXT = "text"  # a text (any scalar; an empty one is missing)
TEXTS = "texts"  # a list of texts (one text alone is a list of one)
FLAG = "flag"  # ja or nee
CHOICE = "choice"  # one word of ``words``
INTEGER = "integer"  # a whole number in [low, high]
NUMBER = "number"  # a number in [low, high], a decimal comma allowed


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    kind: str
    description: str  # for the author, in the editor (the schema's description)
    required: bool = False
    what: str | None = None  # how a message names the value; None: the reader's own word
    words: Mapping[str, str] | Sequence[str] = ()  # CHOICE: the words, perhaps explained
    low: float | None = None  # INTEGER, NUMBER
    high: float | None = None
    exclusive_low: bool = False  # NUMBER: the schema excludes ``low`` (the loader says why)
    default: Any = None  # the value when the key is absent (a FLAG: nee)
    derived: bool = False  # FLAG: absent, it follows from other keys (the loader works it out)
    item: str = ""  # TEXTS: what one item is
    examples: Sequence[Any] = ()

    def read(self, r: MapReader, *, default: Any = None) -> Any:
        """The value at this key in the block ``r`` reads, checked as the field says;
        ``default`` stands in for a default that depends on other keys."""
        given = self.default if default is None else default
        what = {} if self.what is None else {"what": self.what}
        if self.kind == TEXT:
            value = r.text(self.key, required=self.required, **what)
            return given if given is not None and not value else value
        if self.kind == TEXTS:
            return r.texts(self.key, required=self.required, **what)
        if self.kind == FLAG:
            return r.boolean(self.key, default=bool(given))
        if self.kind == CHOICE:
            return (
                r.choice(self.key, self.words, required=self.required, default=given, **what)
                or given
            )
        if self.kind == INTEGER:
            return r.integer(
                self.key,
                required=self.required,
                default=given,
                low=None if self.low is None else int(self.low),
                high=None if self.high is None else int(self.high),
                **what,
            )
        assert self.kind == NUMBER, self.kind
        return r.number(
            self.key, required=self.required, default=given, low=self.low, high=self.high, **what
        )


def table(*fields: Field) -> dict[str, Field]:
    return {f.key: f for f in fields}


LEVEL_NAMES = ", ".join(f"{n} {name}" for n, name in LEVELS.items())

# --- the top of a scenario ----------------------------------------------------------------
SCENARIO = table(
    Field(
        "id",
        TEXT,
        "Unieke naam van het scenario, in kleine letters en streepjes "
        "(bijvoorbeeld km-balie-afwijzing); cursussen en testplannen verwijzen ernaar.",
        required=True,
        what="het id van het scenario",
    ),
    Field(
        "titel",
        TEXT,
        "De titel die de trainee in de lijst en de briefing ziet.",
        required=True,
        what="de titel",
    ),
    Field(
        "omschrijving",
        TEXT,
        "Waar het over gaat; de trainee leest dit in de briefing.",
        required=True,
        what="de omschrijving",
    ),
    Field(
        "rol",
        CHOICE,
        "Wie de trainee speelt.",
        required=True,
        what="de rol van de trainee",
        words=ROLES,
    ),
    Field(
        "trainingen",
        TEXTS,
        "De cursussen (id's) waar dit scenario bij hoort; die cursussen noemen het scenario ook.",
        what="een opsomming van trainingen",
        item="het id van een cursus",
    ),
    Field(
        "moeilijkheid",
        CHOICE,
        "Hoe moeilijk het scenario is.",
        required=True,
        what="de moeilijkheid",
        words=DIFFICULTIES,
    ),
    Field(
        "verwachte_duur",
        INTEGER,
        "Hoeveel minuten het scenario ongeveer duurt.",
        required=True,
        what="de verwachte duur in minuten",
        low=1,
        high=240,
    ),
    Field(
        "leerdoelen",
        TEXTS,
        "Wat de trainee leert, als opsomming.",
        required=True,
        what="een opsomming van leerdoelen",
        item="een leerdoel",
    ),
    Field(
        "inhoudswaarschuwing",
        TEXT,
        "Een waarschuwing vooraf bij zware inhoud (geweld, bedreiging).",
    ),
    Field(
        "profiel",
        TEXT,
        "Het protocolprofiel waartegen gescoord wordt: een id uit scenarios/profielen/.",
        default="divosa-2015",
    ),
    Field(
        "locatie",
        TEXT,
        "De standaardlocatie van alle fasen.",
        default="spreekkamer",
        examples=("spreekkamer", "balie", "wachtruimte", "telefoon"),
    ),
    Field(
        "gesprek_met",
        TEXT,
        "Met welke bezoeker de trainee het gesprek over de zaak voert (de naam van "
        "'bezoeker' of 'tweede_bezoeker'). Zonder deze sleutel: met 'bezoeker'. Orde "
        "vóór inhoud en opschorting gaan over de orde in dát gesprek.",
        what="de naam van een bezoeker",
        default="",
    ),
)

AGGRESSION = "Frustratie vraagt een steunende reactie, instrumentele agressie een sturende."
VISITOR = table(
    Field("naam", TEXT, "De naam van de bezoeker.", required=True, what="de naam van de bezoeker"),
    Field(
        "agressietype",
        CHOICE,
        AGGRESSION,
        required=True,
        what="het agressietype",
        words=AGGRESSION_TYPES,
    ),
    Field("achtergrond", TEXT, "Wat de trainee over de bezoeker weet.", default=""),
)
SECOND_VISITOR = table(
    Field(
        "naam",
        TEXT,
        "De naam van de tweede bezoeker.",
        required=True,
        what="de naam van de tweede bezoeker",
    ),
    VISITOR["agressietype"],
    Field("achtergrond", TEXT, "Wat de trainee over deze bezoeker weet.", default=""),
)
HISTORY = table(
    Field(
        "eerdere_maatregelen",
        INTEGER,
        "Hoeveel ordegesprekken en toegangsbeperkingen er al waren.",
        low=0,
        high=100,
        default=0,
    ),
    Field(
        "incident_uren_geleden",
        NUMBER,
        "Hoeveel uur geleden het incident was waar dit scenario op volgt "
        "(de dienstverlening is dan opgeschort).",
        what="het aantal uren",
        low=0,
        high=24 * 3650,
    ),
)

# --- a fase -------------------------------------------------------------------------------
FASE = table(
    Field("tekst", TEXT, "Wat er gebeurt.", required=True, what="de tekst van de fase"),
    Field("zegt", TEXT, "Wat de bezoeker (of de spreker) letterlijk zegt."),
    Field(
        "spreker",
        TEXT,
        "Wie er spreekt als het niet de bezoeker is, bijvoorbeeld 'Beveiliger Sandra'.",
    ),
    Field(
        "bezoeker",
        TEXT,
        "Over welke bezoeker de feiten van deze fase gaan (de naam van 'bezoeker' of "
        "'tweede_bezoeker'). Zonder deze sleutel: over 'bezoeker'.",
        what="de naam van een bezoeker",
    ),
)
# The facts of a fase, which the rules read (never the text), in the order they are read.
FACTS = table(
    Field(
        "niveau",
        INTEGER,
        f"Het escalatieniveau: {LEVEL_NAMES}.",
        required=True,
        what="het escalatieniveau (0-4)",
        low=0,
        high=max(LEVELS),
        examples=tuple(LEVELS),
    ),
    Field("orde_verstoord", FLAG, "Is de orde in het gesprek of op het Werkplein verstoord?"),
    Field(
        "strafbaar",
        CHOICE,
        "Welk strafbaar feit het gedrag is (één lijst voor alle scenario's, zodat "
        "hetzelfde gedrag overal hetzelfde wordt beoordeeld), of nee.",
        what="het strafbare feit (of nee)",
        words=OFFENCES,
        default="nee",
    ),
    Field(
        "druk",
        CHOICE,
        "Oneigenlijke druk op de medewerker.",
        what="de druk",
        words=PRESSURES,
        default="geen",
    ),
    Field(
        "locatie",
        TEXT,
        "Alleen als de locatie hier anders is dan bovenaan het scenario.",
        examples=("balie", "wachtruimte", "telefoon", "spreekkamer"),
    ),
    Field("gevaar", FLAG, "ja als fysiek geweld dreigt."),
    Field(
        "incident",
        FLAG,
        "ja als dit een incident is dat gemeld moet worden en een ordegesprek vraagt. "
        "Zonder deze sleutel: ja bij druk, strafbaar gedrag, gevaar of niveau 3.",
        derived=True,  # ja at pressure, an offence, danger or level 3
    ),
    Field(
        "aanwijzing",
        TEXT,
        "De aanwijzing die de beveiliger hier geeft (de klantmanager moet die opvolgen).",
    ),
    Field(
        "afwachten",
        FLAG,
        "ja als niets doen hier juist is omdat de aanwijzing dat vraagt ('blijf zitten "
        "en zeg niets'): dan is de tijd laten verlopen opvolgen, geen nietsdoen.",
    ),
    Field(
        "garantie",
        CHOICE,
        "Wat de bezoeker met de garantie doet.",
        what="de garantie",
        words=GUARANTEES,
    ),
    Field(
        "opgeschort",
        FLAG,
        "ja als de dienstverlening aan deze bezoeker nu opgeschort is (na een eerder incident).",
    ),
    Field(
        "volhardend",
        FLAG,
        "ja als de bezoeker volhardt in wangedrag na eerdere maatregelen.",
    ),
    Field(
        "onrust",
        FLAG,
        "ja als de bezoeker hier de eerste tekenen van onrust toont, ook op niveau 0: "
        "wie dan ingrijpt, grijpt vroeg in.",
    ),
    Field(
        "niet_verschenen",
        FLAG,
        "ja als de bezoeker niet kwam op het ordegesprek waarvoor hij was opgeroepen: "
        "de oproep is dan verlopen en de beveiliger roept hem opnieuw op.",
    ),
    Field(
        "agressietype",
        CHOICE,
        "Alleen als het agressietype hier anders is dan bij de bezoeker.",
        what="het agressietype",
        words=AGGRESSION_TYPES,
    ),
)
TIMER = table(
    Field(
        "seconden",
        NUMBER,
        "Hoeveel seconden de trainee heeft (1 tot en met 3600).",
        required=True,
        what="het aantal seconden",
        low=1,
        high=3600,
    ),
)
ELAPSE = table(
    *(
        Field(unit, NUMBER, f"Hoeveel {unit} er verstrijken.", low=0, high=10_000)
        for unit in ("minuten", "uren", "dagen")
    )
)

# --- a choice, a way of a route, an ending ------------------------------------------------
CHOICE_FIELDS = table(
    Field(
        "interventie",
        TEXT,
        "Een id uit de interventiecatalogus (scenarios/interventies.yaml): geeft de keuze "
        "haar betekenis voor de regels. De voorbeelden zijn de id's van de meegeleverde "
        "catalogus; een eigen catalogus kan andere hebben.",
        required=True,
        what="de interventie (een id uit de catalogus)",
    ),
    Field(
        "id",
        TEXT,
        "Alleen nodig als dezelfde interventie twee keer in een fase staat; "
        "standaard de interventie.",
    ),
    Field(
        "tekst",
        TEXT,
        "Wat de trainee concreet zegt of doet, in de woorden van het scenario.",
        required=True,
        what="de tekst van de keuze (wat de trainee doet of zegt)",
    ),
    Field(
        "feedback",
        TEXT,
        "Uitleg in termen van het protocol, na de keuze getoond (niet in examenmodus).",
    ),
    Field(
        "model",
        FLAG,
        "ja bij precies één keuze per fase: het modelantwoord (voor de bot 'protocol' "
        "en 'de andere weg' in de nabespreking).",
    ),
    Field(
        "oordeel",
        CHOICE,
        "Wat de auteur van deze keuze vindt. 'regie check' houdt de regels eraan: een "
        "goede keuze of een keuze die kan mag geen regel overtreden, een foute moet "
        "door minstens één regel afgekeurd worden. Een modelantwoord is goed.",
        what="het oordeel",
        words=JUDGEMENTS,
    ),
)
WAY = table(
    Field(
        "naar",
        TEXT,
        "De fase of het einde waar deze mogelijkheid heen gaat.",
        required=True,
        what="het doel",
    ),
    Field(
        "kans",
        NUMBER,
        "De kans dat deze mogelijkheid genomen wordt, groter dan 0 en hoogstens 1 "
        "(0,3 is 30 procent). Het zaad van de poging bepaalt de uitkomst.",
        what="een kans tussen 0 en 1",
        low=0.0,
        high=1.0,
        exclusive_low=True,  # the loader reads 0 and says that it never comes up
        examples=("0,5",),
    ),
)
ENDING = table(
    Field("titel", TEXT, "De titel van het einde.", required=True, what="de titel van het einde"),
    Field("tekst", TEXT, "Wat er gebeurt.", required=True, what="de tekst van het einde"),
    Field(
        "uitkomst",
        CHOICE,
        "Hoe de situatie afliep.",
        required=True,
        what="de uitkomst",
        words=OUTCOMES,
    ),
)
