"""``regie new ID --rol klantmanager|beveiliger [--map MAP]``: a working scenario to start from.

It writes ``MAP/ID.yaml``, a small scenario that follows the protocol and passes
``regie check --strict``, and ``MAP/ID.test.yaml``, its test plan. Both name the JSON Schema
on their first line, so an editor completes and underlines while the author writes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

EXIT_OK = 0
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMAS = Path(__file__).resolve().parent / "schemas"

KLANTMANAGER = """\
# yaml-language-server: $schema=@SCHEMA@
# Scenario '@ID@' (klantmanager), gemaakt met 'regie new'. Het is een werkend begin: het komt
# door 'regie check --strict' en het testplan @ID@.test.yaml slaagt. Maak er uw eigen scenario
# van: zoek op 'Vervang' voor wat u zeker moet aanpassen, en controleer na elke wijziging met
# 'regie check @ID@.yaml'.
#
# Het verhaal: een bezoeker verheft aan de balie zijn stem om een voorschot af te dwingen, en
# dreigt als dat niet lukt. Het modelantwoord volgt het protocol: het gedrag benoemen (orde vóór
# inhoud), bij de dreiging de beveiliging inschakelen en haar aanwijzing opvolgen, daarna het
# incident melden en de nazorg aannemen. Wie toegeeft, doorpraat over de aanvraag of niets doet,
# loopt slecht af.

# --- over het scenario ---------------------------------------------------------------------------
id: @ID@                      # kleine letters, cijfers en streepjes; ook de naam van het bestand
# Vervang dit door uw eigen titel: hoogstens 34 tekens, anders wordt hij in de lijst afgekapt.
titel: Stemverheffing aan de balie
# Vervang dit door wat de trainee vooraf leest: de situatie, niet de oplossing.
omschrijving: >-
  U hebt baliedienst. Een bezoeker wil vandaag een voorschot op zijn uitkering en wordt steeds
  luider als u zegt dat dat niet kan. Wat doet u, en wat laat u aan de beveiliging over?
rol: klantmanager             # wie de trainee speelt: klantmanager of beveiliger
# In een cursus? Zet dan hier 'trainingen: [id-van-de-cursus]' en noem het scenario ook in die
# cursus (scenarios/cursussen/).
moeilijkheid: makkelijk       # makkelijk, gemiddeld of moeilijk
verwachte_duur: 6             # in minuten
leerdoelen:                   # Vervang dit door wat de trainee na afloop kan.
  - U stopt het gesprek over de inhoud zodra de orde verstoord is, en u benoemt het gedrag.
  - U schakelt de beveiliging in bij een dreiging en volgt haar aanwijzing direct op.
  - U geeft nooit toe onder druk, ook niet een klein beetje.
  - U meldt het incident en neemt de nazorg aan, ook als u denkt dat het wel meevalt.
# De kern van de les, uit de leerdoelen: wie een van deze regels overtreedt, slaagt niet.
kernregels: [orde-voor-inhoud, geen-dienstverlening-onder-druk]
inhoudswaarschuwing: Een bezoeker die schreeuwt en dreigt.
profiel: divosa-2015          # het protocolprofiel (scenarios/profielen/)
locatie: balie                # waar het speelt; per fase te veranderen met 'locatie:'

bezoeker:
  # Vervang dit door een verzonnen naam (hoogstens 23 tekens, dan past hij in het paneel).
  naam: Dennis Verbeek
  # instrumenteel: hij zet druk om iets gedaan te krijgen; reageer sturend (gedrag benoemen,
  # grens stellen). frustratie: hij is radeloos; reageer steunend (luisteren, gevoel erkennen).
  agressietype: instrumenteel
  achtergrond: >-
    Vervang dit door wie de bezoeker is en waarom hij komt. Meneer Verbeek (45) wacht op een
    besluit over zijn uitkering. Hij wil vandaag geld, en hij denkt dat hij het krijgt als hij
    maar hard genoeg aandringt.

# Variabelen zijn hele getallen. Een keuze of fase verhoogt ze met 'effect' of zet ze met 'zet';
# een route kiest ermee met 'als'. Hier telt 'fout' wat er in de nasleep misgaat.
variabelen:
  fout: 0

start: balie                  # de fase waarmee het begint

# Elke fase heeft een 'tekst' (wat er gebeurt) en eventueel 'zegt' (wat de bezoeker zegt), en de
# feiten die de regels lezen: 'niveau' (0 rust, 1 onrust, 2 dreigend controleverlies,
# 3 controleverlies, 4 ontspanning), 'orde_verstoord', 'druk', 'strafbaar', 'gevaar',
# 'aanwijzing' en andere. Dan 'keuzes' (elk met een interventie uit de catalogus
# scenarios/interventies.yaml, de tekst die de trainee leest, 'naar' en 'feedback'; precies één
# keuze heeft 'model: ja', de andere zeggen met 'oordeel' of ze goed, kan of fout zijn), of
# 'verder' als het verhaal vanzelf doorgaat. De 'timer' zegt waar het heen gaat als de trainee
# te lang wacht: niets doen is ook een keuze.
fasen:
  balie:
    # Vervang dit door uw eigen situatie: wat ziet en hoort de trainee?
    tekst: >-
      Meneer Verbeek legt zijn pasje op de balie. Als u zegt dat een voorschot vandaag niet kan,
      slaat hij met zijn vlakke hand op de balie.
    zegt: Ik ga hier niet weg zonder geld. Regel het gewoon!
    niveau: 1
    orde_verstoord: ja
    timer:
      seconden: 30
      naar: dreiging
    keuzes:
      - interventie: gedrag-benoemen
        tekst: >-
          'Meneer Verbeek, u slaat op de balie en u verheft uw stem. Zo praten we hier niet met
          elkaar. Als u rustig bent, kijken we verder.'
        naar: dreiging
        model: ja
        feedback: >-
          Goed: de orde is verstoord, dus de aanvraag wacht. U benoemt het gedrag, en u doet dat
          sturend, want hij zet druk om zijn zin te krijgen.
      - interventie: besluit-uitleggen
        oordeel: fout
        tekst: "'Ik leg het nog één keer uit: een voorschot kan pas als uw aanvraag compleet is.'"
        naar: dreiging
        feedback: >-
          U gaat door met de inhoud terwijl de orde verstoord is. Orde gaat vóór inhoud: eerst het
          gedrag, dan de aanvraag.
      - interventie: negeren
        oordeel: fout
        tekst: U zegt er niets van en zoekt verder in zijn dossier.
        naar: dreiging
        feedback: >-
          Nietsdoen is geen optie. Spreek hem aan op zijn gedrag, of schakel de beveiliging in.

  dreiging:
    tekst: >-
      Meneer Verbeek buigt zich ver over de balie. De mensen in de wachtruimte kijken op.
    zegt: Als ik vandaag geen geld krijg, krijg jij daar spijt van. Dat beloof ik je.
    niveau: 2
    orde_verstoord: ja
    druk: dreiging            # hij dreigt om iets af te dwingen: toegeven is nooit goed
    timer:
      seconden: 25
      naar: escalatie
    keuzes:
      - interventie: beveiliging-inschakelen
        tekst: >-
          U drukt op de knop onder de balie en zegt rustig: 'Ik vraag de beveiliging erbij.'
        naar: beveiliger
        model: ja
        feedback: >-
          Goed: bij een dreiging laat u de orde aan de beveiliging. Die gaat over orde en
          veiligheid op het Werkplein.
      - interventie: eis-inwilligen
        oordeel: fout
        tekst: "'Goed dan, ik zet een voorschot voor u klaar. Maar dan wordt u wel rustig.'"
        naar: toegegeven
        feedback: >-
          Dit is dienstverlening onder druk, de zwaarste fout die er is: zo leert hij dat dreigen
          werkt.
      - interventie: besluit-uitleggen
        oordeel: fout
        tekst: "'Meneer, dreigen helpt niet. Uw aanvraag is gewoon nog niet compleet.'"
        naar: escalatie
        feedback: >-
          Na een dreiging is er geen ruimte voor uitleg over de aanvraag. Stop, en schakel de
          beveiliging in.

  escalatie:
    tekst: >-
      Meneer Verbeek loopt om de balie heen en komt vlak voor u staan, met gebalde vuisten.
    zegt: Nu is het klaar!
    niveau: 3
    orde_verstoord: ja
    druk: dreiging
    gevaar: ja                # er dreigt fysiek geweld: uw eigen veiligheid gaat voor
    timer:
      seconden: 15
      naar: geweld
    keuzes:
      - interventie: alarm-slaan
        tekst: U drukt op de alarmknop en stapt achteruit, buiten zijn bereik.
        naar: beveiliger
        model: ja
        feedback: >-
          Goed: dreigt er geweld, dan gaat uw eigen veiligheid voor alles. Alarm slaan en afstand
          houden.
      - interventie: fysiek-ingrijpen
        oordeel: fout
        tekst: U duwt hem met beide handen van u af.
        naar: geweld
        feedback: >-
          Geen fysiek contact: daarmee maakt u het gevaarlijker, voor uzelf en voor hem. Neem
          afstand en sla alarm.

  beveiliger:
    tekst: Beveiliger Sandra komt aanlopen en gaat tussen u en meneer Verbeek in staan.
    spreker: Beveiliger Sandra    # wie er spreekt, als het niet de bezoeker is
    zegt: Ik neem het over. Gaat u maar naar de teamruimte; ik kom zo bij u langs.
    niveau: 2
    orde_verstoord: ja
    aanwijzing: De klantmanager gaat naar de teamruimte.    # een aanwijzing volgt u op
    timer:
      seconden: 20
      naar: tumult
    keuzes:
      - interventie: aanwijzing-opvolgen
        tekst: U pakt uw spullen en loopt zonder nog iets te zeggen naar de teamruimte.
        naar: na_vertrek
        model: ja
        feedback: >-
          Goed: een aanwijzing van de beveiliger volgt u direct op, zonder discussie.
      - interventie: besluit-uitleggen
        oordeel: fout
        tekst: "'Nog heel even, Sandra. Ik wil meneer uitleggen waarom het vandaag niet kan.'"
        naar: tumult
        feedback: >-
          De beveiliger heeft het overgenomen en haar aanwijzing gaat voor. En zolang de orde
          verstoord is, gaat het niet over de aanvraag.

  tumult:                     # een fase zonder keuzes: het verhaal gaat vanzelf 'verder'
    tekst: >-
      Meneer Verbeek begint opnieuw te schreeuwen. Sandra roept een collega op; samen begeleiden
      ze hem naar buiten.
    niveau: 3
    orde_verstoord: ja
    druk: dreiging
    effect: {fout: 1}         # telt als fout in de nasleep
    verder: na_vertrek

  na_vertrek:
    tekst: >-
      Meneer Verbeek is het gebouw uit. De beveiliging heeft hem gezegd dat de dienstverlening
      aan hem is opgeschort tot na een ordegesprek.
    niveau: 0
    verstrijkt: {minuten: 15}    # er gaat tijd voorbij
    verder: melden

  melden:
    tekst: Het is weer rustig. Over tien minuten hebt u uw volgende afspraak.
    niveau: 0
    locatie: teamruimte
    keuzes:
      - interventie: incident-melden
        tekst: >-
          U vult meteen de melding in: wat hij zei en deed, hoe laat, en wie erbij waren.
        naar: nazorg
        model: ja
        feedback: >-
          Goed: elk incident meldt en registreert u, ook als het goed afliep.
      - interventie: afronden
        oordeel: fout
        tekst: U haalt koffie. Melden is vooral papierwerk, en het liep toch goed af.
        effect: {fout: 1}
        naar: nazorg
        feedback: >-
          Ook als het goed afliep, meldt u elk incident. Anders weet de organisatie niet wat er
          speelt en kan zij u niet beschermen.

  nazorg:
    tekst: Uw teamleider komt even naast u zitten.
    spreker: Teamleider Mirjam
    zegt: Hoe gaat het met je? Zal ik je volgende afspraak laten overnemen?
    niveau: 0
    locatie: teamruimte
    keuzes:
      - interventie: nazorg-aannemen
        tekst: "'Graag. Het zit me meer dwars dan ik dacht.'"
        naar:                 # een route met een voorwaarde: de eerste die klopt, geldt
          - als: fout >= 1
            naar: half_afgerond
          - naar: goed_afgerond
        model: ja
        feedback: >-
          Goed: na een incident neemt u de nazorg aan. Dat is geen zwakte; zo blijft u uw werk
          veilig doen.
      - interventie: afronden
        oordeel: fout
        tekst: "'Het gaat wel, hoor. Ik neem gewoon de volgende klant.'"
        naar: zelf_doorgaan
        feedback: >-
          Wat u zelf aankunt, is niet de maat: de norm is die van de organisatie. Na een
          incident hoort nazorg erbij.

# Elk einde heeft een titel, een tekst en een uitkomst: goed, matig of slecht. Het modelantwoord
# moet op een goed einde uitkomen.
eindes:
  goed_afgerond:
    titel: Orde vóór inhoud
    tekst: >-
      U benoemde het gedrag, liet de orde aan de beveiliging toen hij dreigde en volgde haar
      aanwijzing op. Het incident is gemeld en u krijgt de ruimte om bij te komen.
    uitkomst: goed
  half_afgerond:
    titel: Veilig, maar niet af
    tekst: >-
      De dreiging is voorbij en u krijgt nazorg. Maar niet alles ging zoals het hoort: de
      aanwijzing of de melding schoot tekort.
    uitkomst: matig
  zelf_doorgaan:
    titel: Ik kan dit wel hebben
    tekst: >-
      U neemt de volgende klant alsof er niets gebeurd is. 's Avonds blijft het door uw hoofd
      spelen.
    uitkomst: matig
  toegegeven:
    titel: Dreigen heeft gewerkt
    tekst: >-
      Meneer Verbeek heeft zijn voorschot. Hij weet nu dat dreigen werkt, en niet alleen bij u.
    uitkomst: slecht
  geweld:
    titel: Geweld aan de balie
    tekst: >-
      Meneer Verbeek geeft u een harde duw. Collega's slaan alarm en de beveiliging komt eraan.
    uitkomst: slecht
"""

KLANTMANAGER_PLAN = """\
# yaml-language-server: $schema=@SCHEMA@
# Testplan voor '@ID@', gemaakt met 'regie new'. Elk geval speelt een route en zegt wat eruit
# moet komen: het einde, geslaagd of niet, de score en het oordeel per regel (gehouden,
# overtreden of nvt). Draai het met 'regie test' op de map. Past u het scenario aan, pas dan
# ook deze gevallen aan: ze zijn uw vangnet.
scenario: @ID@
gevallen:
  - naam: het modelantwoord
    keuzes: [gedrag-benoemen, beveiliging-inschakelen, aanwijzing-opvolgen, incident-melden,
             nazorg-aannemen]
    einde: goed_afgerond
    geslaagd: ja
    score: 100
    regels:
      orde-voor-inhoud: gehouden
      geen-dienstverlening-onder-druk: gehouden
      aanwijzing-opvolgen: gehouden
      melden-registreren: gehouden
      nazorg: gehouden
  - naam: doorpraten over de aanvraag en dan toegeven
    keuzes: [besluit-uitleggen, eis-inwilligen]
    einde: toegegeven
    geslaagd: nee
    regels:
      orde-voor-inhoud: overtreden
      geen-dienstverlening-onder-druk: overtreden
  - naam: niets doen, ook niet als het geweld dreigt
    keuzes: [wacht, wacht, wacht]    # 'wacht': de timer laten aflopen
    einde: geweld
    geslaagd: nee
    regels:
      nietsdoen-geen-optie: overtreden
      eigen-veiligheid: overtreden
"""

BEVEILIGER = """\
# yaml-language-server: $schema=@SCHEMA@
# Scenario '@ID@' (beveiliger), gemaakt met 'regie new'. Het is een werkend begin: het komt
# door 'regie check --strict' en het testplan @ID@.test.yaml slaagt. Maak er uw eigen scenario
# van: zoek op 'Vervang' voor wat u zeker moet aanpassen, en controleer na elke wijziging met
# 'regie check @ID@.yaml'.
#
# Het verhaal: een bezoeker verheft aan de balie zijn stem tegen een klantmanager en dreigt haar.
# Het modelantwoord volgt het protocol: u spreekt hem vroeg aan, stelt een grens, voert meteen
# het ordegesprek en vraagt een getekende garantie; daarna meldt u het incident en biedt u de
# klantmanager nazorg. Wie de orde aan de klantmanager laat, toegeeft of niets doet, loopt
# slecht af.

# --- over het scenario ---------------------------------------------------------------------------
id: @ID@                      # kleine letters, cijfers en streepjes; ook de naam van het bestand
# Vervang dit door uw eigen titel: hoogstens 34 tekens, anders wordt hij in de lijst afgekapt.
titel: Onrust aan de balie
# Vervang dit door wat de trainee vooraf leest: de situatie, niet de oplossing.
omschrijving: >-
  U staat bij de ingang van het Werkplein. Aan de balie verheft een bezoeker zijn stem tegen
  klantmanager Ilse. Wat doet u, en wat doet u daarna?
rol: beveiliger               # wie de trainee speelt: klantmanager of beveiliger
# In een cursus? Zet dan hier 'trainingen: [id-van-de-cursus]' en noem het scenario ook in die
# cursus (scenarios/cursussen/).
moeilijkheid: makkelijk       # makkelijk, gemiddeld of moeilijk
verwachte_duur: 8             # in minuten
leerdoelen:                   # Vervang dit door wat de trainee na afloop kan.
  - U grijpt vroeg in en spreekt de bezoeker zelf aan; de orde op het Werkplein is uw taak.
  - U stelt een grens en geeft niet toe aan druk.
  - U voert het ordegesprek en vraagt een getekende garantie, zonder excuses af te dwingen.
  - U meldt het incident en biedt de klantmanager nazorg.
# De kern van de les, uit de leerdoelen: wie een van deze regels overtreedt, slaagt niet.
kernregels: [geen-dienstverlening-onder-druk, ordegesprek]
inhoudswaarschuwing: Een bezoeker die schreeuwt en een medewerker bedreigt.
profiel: divosa-2015          # het protocolprofiel (scenarios/profielen/)
locatie: balie                # waar het speelt; per fase te veranderen met 'locatie:'

bezoeker:
  # Vervang dit door een verzonnen naam (hoogstens 23 tekens, dan past hij in het paneel).
  naam: Richard Mulder
  # instrumenteel: hij zet druk om iets gedaan te krijgen; reageer sturend (gedrag benoemen,
  # grens stellen). frustratie: hij is radeloos; reageer steunend (luisteren, gevoel erkennen).
  agressietype: instrumenteel
  achtergrond: >-
    Vervang dit door wie de bezoeker is en waarom hij komt. Meneer Mulder (52) wacht al weken op
    een besluit over zijn uitkering. Hij denkt dat hij het sneller krijgt als hij de druk opvoert.

# Variabelen zijn hele getallen. Een keuze of fase verhoogt ze met 'effect' of zet ze met 'zet';
# een route kiest ermee met 'als'. Hier telt 'fout' wat er in de nasleep misgaat.
variabelen:
  fout: 0

start: balie                  # de fase waarmee het begint

# Elke fase heeft een 'tekst' (wat er gebeurt) en eventueel 'zegt' (wat de bezoeker zegt), en de
# feiten die de regels lezen: 'niveau' (0 rust, 1 onrust, 2 dreigend controleverlies,
# 3 controleverlies, 4 ontspanning), 'orde_verstoord', 'druk', 'strafbaar', 'gevaar',
# 'garantie' en andere. Dan 'keuzes' (elk met een interventie uit de catalogus
# scenarios/interventies.yaml, de tekst die de trainee leest, 'naar' en 'feedback'; precies één
# keuze heeft 'model: ja', de andere zeggen met 'oordeel' of ze goed, kan of fout zijn), of
# 'verder' als het verhaal vanzelf doorgaat. De 'timer' zegt waar het heen gaat als de trainee
# te lang wacht: niets doen is ook een keuze.
fasen:
  balie:
    # Vervang dit door uw eigen situatie: wat ziet en hoort de trainee?
    tekst: >-
      Maandagochtend. Aan de balie slaat meneer Mulder met zijn vlakke hand op het blad.
      Klantmanager Ilse deinst achteruit. De wachtenden kijken naar u.
    zegt: Ik wil vandaag mijn geld! Jullie houden me al weken aan het lijntje!
    niveau: 1
    orde_verstoord: ja
    incident: ja              # dit telt als incident: er volgen een ordegesprek en een melding
    timer:
      seconden: 40
      naar: uit_de_hand
    keuzes:
      - interventie: gedrag-benoemen
        tekst: >-
          U gaat naast hem staan, op een armlengte afstand. 'Meneer, u slaat op de balie en u
          schreeuwt. Daar stopt u nu mee.'
        naar: grens
        model: ja
        feedback: >-
          Goed: u grijpt vroeg in en spreekt hem zelf aan. De orde op het Werkplein is uw taak,
          niet die van de klantmanager.
      - interventie: aan-medewerker-overlaten
        oordeel: fout
        tekst: >-
          U blijft bij de ingang staan en houdt het van een afstand in de gaten. Ilse kent hem
          al jaren; zij lost dit vast zelf wel op.
        naar: uit_de_hand
        feedback: >-
          De orde op het Werkplein is de taak van de beveiliging. Laat een medewerker er niet
          alleen voor staan.
      - interventie: zaak-bespreken
        oordeel: fout
        tekst: "'Wat is er aan de hand met uw uitkering, meneer? Misschien kan ik helpen.'"
        naar: uit_de_hand
        feedback: >-
          Zijn zaak is niet aan u, en zolang de orde verstoord is, gaat het niet over de
          inhoud. Spreek hem aan op zijn gedrag.
      - interventie: negeren
        oordeel: fout
        tekst: U kijkt de andere kant op. Het zakt vast vanzelf.
        naar: uit_de_hand
        feedback: >-
          Nietsdoen is geen optie. Wie onrust laat passeren, moet later op een hoger niveau
          ingrijpen.

  grens:
    tekst: Meneer Mulder draait zich naar u om en wijst naar Ilse.
    zegt: Bemoei je er niet mee. Als ik vandaag geen geld krijg, weet ik haar wel te vinden.
    niveau: 2
    orde_verstoord: ja
    druk: dreiging            # hij dreigt om iets af te dwingen: toegeven is nooit goed
    timer:
      seconden: 30
      naar: uit_de_hand
    keuzes:
      - interventie: grens-stellen
        tekst: >-
          'Meneer Mulder, dit is een bedreiging en die accepteer ik niet. U loopt nu met mij mee
          naar de spreekkamer bij de ingang, of u gaat naar buiten.'
        naar: ordegesprek
        model: ja
        feedback: >-
          Goed: u stelt een duidelijke grens en noemt de consequentie. Zo krijgt hij geen ruimte
          om met druk zijn zin te krijgen.
      - interventie: toezegging-doen
        oordeel: fout
        tekst: "'Rustig maar, meneer. Ik zorg dat Ilse vandaag nog naar uw geld kijkt.'"
        naar: toegegeven
        feedback: >-
          Een toezegging om hem stil te krijgen is toegeven aan druk. Dienstverlening gebeurt
          nooit onder druk, ook niet een klein beetje.
      - interventie: gevoel-erkennen
        oordeel: fout
        tekst: "'Ik snap dat u boos bent, meneer. Weken wachten is ook niet niks.'"
        naar: uit_de_hand
        feedback: >-
          Hij dreigt om zijn zin te krijgen. Daar past geen begrip maar sturing: een grens.

  uit_de_hand:
    tekst: >-
      Meneer Mulder schreeuwt nu door de hele wachtruimte en schopt tegen de balie. Een moeder
      trekt haar kind naar zich toe.
    niveau: 3
    orde_verstoord: ja
    timer:
      seconden: 20
      naar: chaos
    keuzes:
      - interventie: grens-stellen
        tekst: "'Meneer Mulder, u gaat nu met mij mee naar de spreekkamer, of u gaat naar buiten.'"
        naar: ordegesprek
        model: ja
        feedback: >-
          Goed: u neemt de regie en stelt een duidelijke grens. Eerder ingrijpen had hier
          voorkomen.
      - interventie: fysiek-ingrijpen
        oordeel: fout
        tekst: U pakt hem bij zijn arm en trekt hem mee naar de uitgang.
        naar: handgemeen
        feedback: >-
          Een beveiliger gebruikt geen geweld, en fysiek contact maakt het gevaarlijker, voor u
          en voor hem.

  ordegesprek:
    tekst: >-
      Meneer Mulder loopt mopperend met u mee naar de kleine kamer bij de ingang. U laat de
      deur open en gaat zo zitten dat u allebei vrij naar de deur kunt.
    zegt: Nou, wat moet je van me?
    niveau: 1
    orde_verstoord: nee
    locatie: spreekkamer
    keuzes:
      - interventie: ordegesprek-voeren
        tekst: >-
          'Wat u aan de balie deed, kan hier niet: u schreeuwde en u bedreigde een medewerker.
          Daarover gaat dit gesprek, niet over uw uitkering.'
        naar: garantie
        model: ja
        feedback: >-
          Goed: het ordegesprek gaat over zijn gedrag en over de toekomst, niet over zijn zaak.
      - interventie: excuus-eisen
        oordeel: fout
        tekst: "'Eerst gaat u terug naar de balie en biedt u Ilse uw excuses aan.'"
        naar: excuus_afgedwongen
        feedback: >-
          Een afgedwongen excuus is strategisch en zegt niets. Het ordegesprek gaat om een
          garantie voor de toekomst.
      - interventie: dienstverlening-hervatten
        oordeel: fout
        tekst: "'Laten we het erbij laten. Gaat u maar weer in de rij staan.'"
        naar: zonder_garantie
        feedback: >-
          Na zijn gedrag blijft de dienstverlening opgeschort tot hij een garantie heeft
          getekend.

  garantie:
    tekst: Meneer Mulder leunt achterover en slaat zijn armen over elkaar.
    zegt: Ja ja. Het gaat om mijn geld, hoor.
    niveau: 1
    orde_verstoord: nee
    locatie: spreekkamer
    keuzes:
      - interventie: garantie-vragen
        tekst: >-
          U legt de verklaring voor hem neer. 'Hierin belooft u de veiligheid van onze
          medewerkers. Tekent u, dan kan uw bezoek verder.'
        naar: tekent
        model: ja
        feedback: >-
          Goed: de bezoeker garandeert de veiligheid van de medewerkers en tekent daarvoor.
      - interventie: relatie-herstellen
        oordeel: fout
        tekst: "'Zullen we Ilse erbij halen, dan praten jullie het samen uit?'"
        naar: uitgepraat
        feedback: >-
          Het ordegesprek is niet bedoeld om de relatie te herstellen. Vraag een getekende
          garantie.

  tekent:                     # een fase zonder keuzes: het verhaal gaat vanzelf 'verder'
    tekst: Meneer Mulder zucht, pakt de pen en tekent.
    niveau: 0
    locatie: spreekkamer
    garantie: getekend        # de garantie is getekend: de dienstverlening mag weer verder
    verder: melden

  melden:
    tekst: Meneer Mulder is weer aan de beurt bij een andere klantmanager. U bent terug op uw post.
    niveau: 0
    verstrijkt: {minuten: 20}    # er gaat tijd voorbij
    keuzes:
      - interventie: incident-melden
        tekst: >-
          U schrijft meteen de melding: wat hij zei en deed, hoe laat, en dat hij tekende.
        naar: nazorg
        model: ja
        feedback: >-
          Goed: elk incident meldt en registreert u, ook als het goed afliep.
      - interventie: afronden
        oordeel: fout
        tekst: U gaat terug naar de ingang. Het is getekend, dus het is klaar.
        effect: {fout: 1}
        naar: nazorg
        feedback: >-
          Ook een incident dat goed afloopt, meldt u. Anders weet de organisatie niet wat er
          speelt.

  nazorg:
    tekst: Ilse komt uit de teamruimte. Ze is nog wat bleek.
    spreker: Klantmanager Ilse    # wie er spreekt, als het niet de bezoeker is
    zegt: Dank je. Ik schrok er best van, eerlijk gezegd.
    niveau: 0
    keuzes:
      - interventie: nazorg-bieden
        tekst: >-
          'Dat snap ik. Zal ik je teamleider vragen je volgende afspraak over te nemen? En wil
          je er nog even over praten?'
        naar:                 # een route met een voorwaarde: de eerste die klopt, geldt
          - als: fout >= 1
            naar: half_afgerond
          - naar: goed_afgerond
        model: ja
        feedback: >-
          Goed: na een incident biedt u de medewerker nazorg aan.
      - interventie: afronden
        oordeel: fout
        tekst: "'Het is voorbij, hoor. Hij heeft getekend.'"
        naar: niet_gezien
        feedback: >-
          Na een incident krijgt de medewerker nazorg aangeboden, ook als het goed afliep.

# Elk einde heeft een titel, een tekst en een uitkomst: goed, matig of slecht. Het modelantwoord
# moet op een goed einde uitkomen.
eindes:
  goed_afgerond:
    titel: De regie gehouden
    tekst: >-
      U greep vroeg in, stelde een grens, voerde het ordegesprek en kreeg een getekende
      garantie. Het incident is gemeld en Ilse krijgt de nazorg die ze nodig heeft.
    uitkomst: goed
  half_afgerond:
    titel: Getekend, maar niet gemeld
    tekst: >-
      Meneer Mulder heeft getekend, maar het incident is niet gemeld. Bij een volgende keer weet
      de organisatie niet wat er eerder gebeurde.
    uitkomst: matig
  niet_gezien:
    titel: Niemand vroeg hoe het ging
    tekst: >-
      Ilse gaat door met haar afspraken. Twee dagen later meldt ze zich ziek.
    uitkomst: matig
  excuus_afgedwongen:
    titel: Een excuus zonder waarde
    tekst: >-
      Meneer Mulder mompelt 'sorry' tegen Ilse en grijnst. Een garantie voor de toekomst is er
      niet.
    uitkomst: matig
  uitgepraat:
    titel: Uitgepraat, niets geregeld
    tekst: >-
      Ilse moet tegenover hem gaan zitten om het uit te praten. Getekend heeft hij niets.
    uitkomst: matig
  toegegeven:
    titel: Dreigen heeft gewerkt
    tekst: >-
      Meneer Mulder krijgt vandaag nog zijn geld. Hij weet nu dat dreigen werkt.
    uitkomst: slecht
  zonder_garantie:
    titel: Zonder garantie
    tekst: >-
      Meneer Mulder staat weer in de rij, zonder iets te hebben beloofd. Ilse moet hem straks
      weer helpen.
    uitkomst: slecht
  chaos:
    titel: De wachtruimte in chaos
    tekst: >-
      Meneer Mulder gooit een stoel om. Bezoekers vluchten naar buiten; de politie moet komen.
    uitkomst: slecht
  handgemeen:
    titel: Handgemeen
    tekst: >-
      Meneer Mulder rukt zich los en slaat om zich heen. U bent allebei gewond.
    uitkomst: slecht
"""

BEVEILIGER_PLAN = """\
# yaml-language-server: $schema=@SCHEMA@
# Testplan voor '@ID@', gemaakt met 'regie new'. Elk geval speelt een route en zegt wat eruit
# moet komen: het einde, geslaagd of niet, de score en het oordeel per regel (gehouden,
# overtreden of nvt). Draai het met 'regie test' op de map. Past u het scenario aan, pas dan
# ook deze gevallen aan: ze zijn uw vangnet.
scenario: @ID@
gevallen:
  - naam: het modelantwoord
    keuzes: [gedrag-benoemen, grens-stellen, ordegesprek-voeren, garantie-vragen,
             incident-melden, nazorg-bieden]
    einde: goed_afgerond
    geslaagd: ja
    score: 100
    regels:
      orde-voor-inhoud: gehouden
      vroeg-ingrijpen: gehouden
      ordegesprek: gehouden
      garantie: gehouden
      melden-registreren: gehouden
      nazorg: gehouden
  - naam: de orde aan de klantmanager laten
    keuzes: [aan-medewerker-overlaten, wacht]    # 'wacht': de timer laten aflopen
    einde: chaos
    geslaagd: nee
    regels:
      taakverdeling: overtreden
      nietsdoen-geen-optie: overtreden
  - naam: toegeven aan de dreiging
    keuzes: [gedrag-benoemen, toezegging-doen]
    einde: toegegeven
    geslaagd: nee
    regels:
      geen-dienstverlening-onder-druk: overtreden
"""

TEMPLATES = {
    "klantmanager": (KLANTMANAGER, KLANTMANAGER_PLAN),
    "beveiliger": (BEVEILIGER, BEVEILIGER_PLAN),
}


def schema_ref(written: Path, schema: Path) -> str:
    """The schema's path as the editor finds it from ``written``: relative where the two share
    a folder below the root of the file system, otherwise absolute."""
    target, here = schema.resolve(), written.resolve().parent
    try:
        shared = Path(os.path.commonpath([target, here]))
    except ValueError:  # another drive on Windows
        return target.as_posix()
    if shared == Path(shared.anchor):
        return target.as_posix()
    return Path(os.path.relpath(target, here)).as_posix()


def _fill(template: str, sid: str, written: Path, schema: str) -> str:
    return template.replace("@ID@", sid).replace("@SCHEMA@", schema_ref(written, SCHEMAS / schema))


def scenario_text(sid: str, role: str, written: Path) -> str:
    return _fill(TEMPLATES[role][0], sid, written, "scenario.schema.json")


def plan_text(sid: str, role: str, written: Path) -> str:
    return _fill(TEMPLATES[role][1], sid, written, "testplan.schema.json")
