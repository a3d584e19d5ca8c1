"""Hulp: the protocol on one page, a glossary and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from simulator.tui.widgets.key_footer import KeyFooter

HELP = """\
# Hulp

## Het protocol op één pagina

**Orde vóór inhoud.** Is de orde in uw gesprek verstoord, dan stopt het gesprek over de zaak
(de aanvraag, de uitkering) tot de orde hersteld is.

**Integer.** Dienstverlening gebeurt nooit onder druk. Bedreiging, chantage en omkoping zijn
hetzelfde: u geeft niet toe, ook niet een beetje.

**Taakverdeling.** De beveiliging gaat over orde en veiligheid op het Werkplein; u over de orde
in uw eigen gesprek. U mag een bezoeker *altijd* aanspreken. Wilt, kunt of durft u dat niet,
schakel dan de beveiliging in. **Nietsdoen is geen optie.** Een aanwijzing van de beveiliger
volgt u op.

**De escalatieladder** (de beveiliging neemt deze maatregelen):

1. het gesprek onderbreken of afbreken, een aanwijzing geven;
2. de dienstverlening opschorten tot na het **ordegesprek** (ad hoc, of binnen 24 uur);
3. in het ordegesprek **tekent** de bezoeker voor de veiligheid van de medewerkers — geen
   relatieherstel, geen waarheidsvinding, geen afgedwongen excuses;
4. weigert hij: een **toegangsbeperking** (komst aankondigen, komen als de beveiliging het
   zegt) — geen toegangsverbod, geen loket op het politiebureau;
5. blijft hij zich misdragen: **staking van de dienstverlening**, als laatste stap. Geen
   straf, maar bescherming; de uitkering loopt door.

Na een incident: **melden en registreren**, **aangifte** bij strafbaar gedrag (samen met de
veiligheidscoördinator) en **nazorg**. De norm is die van de organisatie, niet wat u zelf
"wel kunt hebben".

## De escalatieniveaus

0 rust · 1 onrust · 2 dreigend controleverlies · 3 controleverlies · 4 ontspanning

Bij **frustratie**: steunend (luisteren, samenvatten, het gevoel erkennen — niet het gedrag).
Bij **instrumentele** agressie: sturend (gedrag benoemen, grens stellen, consequentie noemen).
Vanaf niveau 2 is een grens stellen altijd goed. Dreigt geweld: eerst uw eigen veiligheid.

## Woordenlijst

| woord | betekenis |
|---|---|
| ordegesprek | gesprek van de beveiliger met de bezoeker na een incident; de bezoeker tekent een garantie |
| opschorting | de dienstverlening ligt stil tot het ordegesprek naar genoegen is gevoerd |
| toegangsbeperking | de bezoeker mag alleen komen na aankondiging, op een moment dat de beveiliging kiest |
| staking | er is geen dienstverlening meer door medewerkers; de uitkering zelf loopt door |
| veiligheidscoördinator | doet samen met de medewerker aangifte en kan een sanctie voorstellen |

## Toetsen

| toets | wat |
|---|---|
| 1 – 9 | een keuze maken (of ↑ ↓ en Enter, of klikken); in de lijst: een scenario kiezen |
| ↑ ↓ | langs de keuzes; staat er "meer ↓" onder de keuzes, dan volgen er meer |
| PgUp, PgDn | het gesprek terug- en verderlezen; staat er "meer ↓ PgDn" onder het gesprek, dan volgt er meer |
| p | pauze (alleen in training; de tijd stopt) |
| s | stoppen met dit scenario |
| F1 | deze hulp |
| F2 | licht, donker of hoog contrast |
| Esc | terug |
| Ctrl+Q | Regie afsluiten |
"""


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,f1", "app.pop_screen", "Terug", id="help-back")]

    def __init__(self, text: str = HELP) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(self.text)
        yield KeyFooter()
