"""Default lay and English words for the medical fields, as synonym snippets the editors can change or delete
(admin: Snippets → Search synonyms). Single words only; the first word is the preferred form."""

from django.db import migrations

NOTE = "Standard: folkelig eller engelsk ord"

DEFAULTS = [
    "brannskade, burn, burns, brannsår",
    "epilepsi, epilepsy, krampeanfall",
    "kjønnsinkongruens, transgender, gender, kjønnsidentitet, trans",
    "søvn, sleep, søvnløshet, insomni, narkolepsi",
    "hørsel, hørselstap, hearing, døv, tunghørt, cochleaimplantat",
    "transplantasjon, transplant, transplantation, organdonasjon",
    "befruktning, fertility, infertility, barnløshet",
    "kreft, cancer, tumour, onkologi",
    "hoftebrudd, hip, hofte",
    "hyperkolesterolemi, cholesterol, hypercholesterolemia, fh",
    "underernæring, malnutrition, undervekt",
    "inkontinens, incontinence, urinlekkasje",
    "traumatologi, trauma, injury, ulykke",
    "aldring, ageing, aging, elderly",
    "prehospital, ambulance, emergency",
    "rusmiddelavhengige, addiction, drugs, rusbehandling",
    "fostermedisin, fetal, prenatal",
    "strålekniv, gammaknife, radiosurgery, stereotaksi",
    "stamcelletransplantasjon, stemcell, bonemarrow",
    "sklerose, sclerosis",
    "sjeldne, rare, sjelden",
    "ernæringsvansker, eating, feeding, spisevansker",
    "replantasjon, replantation, amputasjon, amputation",
    "kirurgi, kirurgisk, surgery, operasjon",
    "psykisk, psychiatry, psykiatri",
    "døvblinde, deafblind, døvblindhet",
    "nettverk, network, networks",
]


def add_defaults(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms in DEFAULTS:
        SearchSynonym.objects.get_or_create(terms=terms, defaults={"note": NOTE})


def remove_defaults(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    SearchSynonym.objects.filter(terms__in=DEFAULTS, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_searchword")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
