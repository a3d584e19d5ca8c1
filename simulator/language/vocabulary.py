"""The fixed words of the scenario language and the protocol.

Everything a scenario author may write for an enumerated field is listed here, with
its Dutch explanation, so the loader, the JSON Schema and the docs share one source.
"""

from __future__ import annotations

ROLES: dict[str, str] = {
    "klantmanager": "medewerker van het Werkplein die het gesprek over de zaak voert",
    "beveiliger": "beveiliger, verantwoordelijk voor orde en veiligheid op het Werkplein",
}

BOTS: dict[str, str] = {  # the bot trainees (simulator.engine.bots) and what each one does
    "protocol": "kiest altijd het modelantwoord",
    "nietsdoener": "negeert het gedrag of laat de tijd verlopen waar dat kan",
    "inhoud-eerst": "gaat door met de inhoud waar dat kan",
    "toegever": "geeft toe aan eisen waar dat kan",
    "willekeurig": "kiest willekeurig (volgens het zaad)",
    "langste": "kiest altijd de langste keuze, zonder te lezen",
}

AGGRESSION_TYPES: dict[str, str] = {
    "frustratie": "frustratieagressie: steunend reageren (luisteren, gevoel erkennen)",
    "instrumenteel": "instrumentele agressie: sturend reageren (gedrag benoemen, grens stellen)",
}

PRESSURES: dict[str, str] = {
    "geen": "geen oneigenlijke druk",
    "dreiging": "bedreiging",
    "chantage": "chantage ('ik weet waar je woont', 'ik zet je op internet')",
    "omkoping": "omkoping (geld, een cadeau, een gunst)",
}

# One catalogue of offences, so that the same behaviour is strafbaar (or not) in every
# scenario; the articles are those of the Wetboek van Strafrecht (Sr).
OFFENCES: dict[str, str] = {
    "nee": "niet strafbaar: wel wangedrag, geen strafbaar feit",
    "bedreiging": "bedreiging met geweld of brandstichting (art. 285 Sr)",
    "afpersing": "iemand met geweld of bedreiging dwingen iets af te geven (art. 317 Sr)",
    "afdreiging": "chantage: dwingen met de dreiging iets openbaar te maken (art. 318 Sr)",
    "omkoping": "een ambtenaar iets geven of beloven voor een besluit (art. 177 Sr)",
    "mishandeling": "mishandeling, ook een poging: vastgrijpen, slaan, iets naar iemand gooien (art. 300 Sr)",
    "vernieling": "iets van een ander vernielen of beschadigen (art. 350 Sr)",
    "lokaalvredebreuk": "weigeren een openbaar gebouw te verlaten na een vordering daartoe (art. 139 Sr)",
    "belediging": "belediging van een ambtenaar tijdens zijn werk (art. 267 Sr)",
}

LEVELS: dict[int, str] = {
    0: "rust",
    1: "onrust",
    2: "dreigend controleverlies",
    3: "controleverlies",
    4: "ontspanning",
}

# How high each level stands on a chart or a meter: the tension it means. Ontspanning (4)
# comes after the peak, as the tension drains away: it stands just above rust, not above
# controleverlies, so that calming down never looks like the peak.
LEVELS_BY_TENSION: tuple[int, ...] = (0, 4, 1, 2, 3)
TENSION: dict[int, int] = {level: height for height, level in enumerate(LEVELS_BY_TENSION)}

DIFFICULTIES: dict[str, str] = {
    "makkelijk": "voor wie net begint",
    "gemiddeld": "voor wie de basis kent",
    "moeilijk": "voor gevorderden",
}

OUTCOMES: dict[str, str] = {
    "goed": "de situatie is goed afgelopen",
    "matig": "de situatie is afgelopen, maar niet zoals het protocol vraagt",
    "slecht": "de situatie is slecht afgelopen",
}

JUDGEMENTS: dict[str, str] = {
    "goed": "wat het protocol vraagt; geen regel mag de keuze afkeuren",
    "kan": "niet het beste, maar geen overtreding; geen regel mag de keuze afkeuren",
    "fout": "een overtreding: minstens één regel moet de keuze afkeuren",
}

GUARANTEES: dict[str, str] = {
    "getekend": "de bezoeker tekent de garantie",
    "geweigerd": "de bezoeker weigert te tekenen",
}

STYLES: dict[str, str] = {
    "steunend": "steunend: luisteren, samenvatten, het gevoel erkennen",
    "sturend": "sturend: gedrag benoemen, grens stellen, consequentie noemen",
    "neutraal": "neutraal",
}

CATEGORIES: dict[str, str] = {
    "inhoud": "het gesprek over de zaak (aanvraag, uitkering, besluit)",
    "hervatten": "de dienstverlening laten hervatten",
    "toegeven": "ingaan op een eis, een gift aannemen, iets toezeggen onder druk",
    "negeren": "het gedrag negeren",
    "de-escalatie": "luisteren, samenvatten, het gevoel erkennen",
    "orde": "het gedrag benoemen, de inhoud stopzetten",
    "grens": "een grens stellen, het eigen gesprek beëindigen",
    "overdracht": "de beveiliging inschakelen",
    "opvolgen": "de aanwijzing van de beveiliger opvolgen",
    "overlaten": "de orde aan de medewerker overlaten (door de beveiliger)",
    "ingrijpen": "een gesprek onderbreken of afbreken, een aanwijzing geven",
    "wegsturen": "de bezoeker van het Werkplein sturen",
    "veiligheid": "alarm slaan, de ruimte verlaten, afstand nemen, de politie bellen",
    "fysiek": "fysiek contact: vastpakken, wegduwen",
    "ordegesprek": "een ordegesprek voeren",
    "ordegesprek-plannen": "de bezoeker oproepen voor een ordegesprek",
    "ordegesprek-uitstellen": "het ordegesprek later plannen dan de termijn",
    "ordegesprek-misbruik": "het ordegesprek gebruiken voor relatieherstel, waarheidsvinding of excuses",
    "garantie": "een getekende garantie vragen",
    "excuses-eisen": "excuses eisen als voorwaarde voor dienstverlening",
    "opschorten": "de dienstverlening opschorten",
    "opschorting-handhaven": "zich aan de opschorting houden en dat zeggen",
    "toegangsbeperking": "een toegangsbeperking opleggen",
    "toegangsverbod": "een toegangsverbod opleggen",
    "alternatieve-dienstverlening": "dienstverlening elders (politiebureau, apart loket)",
    "staking": "staking van de dienstverlening",
    "staking-als-sanctie": "staking uitleggen als straf of als het stoppen van de uitkering",
    "korting-aankondigen": "zelf een korting op de uitkering aankondigen of ermee dreigen",
    "aangifte": "aangifte doen samen met de veiligheidscoördinator",
    "aangifte-zelf": "aangifte doen zonder de veiligheidscoördinator",
    "melden": "het incident melden en registreren",
    "nazorg": "nazorg bieden of aannemen",
    "afronden": "afronden en verder gaan",
}

SEVERITIES: tuple[str, ...] = ("kritiek", "zwaar", "licht")

RULE_IDS: tuple[str, ...] = (
    "orde-voor-inhoud",
    "geen-dienstverlening-onder-druk",
    "nietsdoen-geen-optie",
    "taakverdeling",
    "aanwijzing-opvolgen",
    "ordegesprek",
    "garantie",
    "opschorting",
    "toegangsbeperking",
    "staking-laatste-stap",
    "aangifte",
    "melden-registreren",
    "stijl-past-bij-agressie",
    "vroeg-ingrijpen",
    "eigen-veiligheid",
    "nazorg",
)

MAX_CHOICES = 9
