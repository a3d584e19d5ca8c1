"""Where each rule comes from: the two Divosa documents, or a named practice."""

DOD = "Divosa, Dienstverlening onder druk (2011)"
WERKWIJZER = "Divosa, Werkwijzer Integere en veilige dienstverlening (2015)"
VPT = "Praktijk: Veilige Publieke Taak (melden, registreren, nazorg)"
AGGRESSIETRAINING = "Praktijk: Nederlandse agressietraining (frustratie- en instrumentele agressie)"
CRISISMODEL = "Praktijk: crisisontwikkelingsmodel"

ORDE = "Orde en regie"
INTEGRITEIT = "Integriteit"
DEESCALATIE = "De-escalatie"
TAAKVERDELING = "Taakverdeling"
OPVOLGING = "Opvolging en nazorg"
COMPETENCIES = (ORDE, INTEGRITEIT, DEESCALATIE, TAAKVERDELING, OPVOLGING)
