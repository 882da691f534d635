"""A small campaign and a third language (French) given by data only: ``campaign.toml`` with
``[translations.fr]`` and ``templates/fr/language.toml``, for the tests that add a language."""

MINI = """
schema = 1
id = "mini"
title = "Stop facial recognition"
summary = "Stop it."

[[sources]]
id = "verge"
publisher = "The Verge"
title = "IBM quits"
date = "2020-06-11"

[[facts]]
id = "ibm"
text = "IBM said it would quit facial recognition."
date = "2020-06-11"
source = "verge"
tags = ["federal"]

[tags]
federal = "Congress"

[asks.federal]
text = "Pass a law."
short = "pass a law"
"""

FRENCH = """
[translations.fr]
title = "Arrêtez la reconnaissance faciale"
summary = "Arrêtez-la."
[translations.fr.facts.ibm]
text = "IBM a annoncé qu'elle abandonnait la reconnaissance faciale."
[translations.fr.asks.federal]
text = "Adoptez une loi."
short = "d'adopter une loi"
"""

FRENCH_WORDS = """
[dates]
text = {day = "{date}", week = "la semaine du {date}", month = "{date}", year = "{date}"}
phrase = {day = "le {date}", week = "la semaine du {date}", month = "en {date}", year = "en {date}"}
ordinary = "le la les un une des"
reported = "publié {when}"
as_reported_by = "cité par"

[address]
male = "Monsieur le {title} {last_name}"
female = "Madame la {title} {last_name}"
neutral = "Honorable {name}"
body = "Mesdames et Messieurs les membres de {organisation}"
nobody = "Madame, Monsieur"

[titles]
"Senator" = ["sénateur", "sénatrice"]

[letter]
opening = "Je vous écris pour vous demander {{ ask.short }}."
closing = "Je vous remercie de me faire part de votre position."

[callscript]
script = "Bonjour, je m'appelle {name} et j'habite à {place}. J'appelle pour demander à {addressee} {ask}. {fact} Merci."
voicemail = "Laissez votre nom, votre adresse et votre numéro."
name = "[votre nom]"
place = "[votre ville]"
"""

#: The words civickit writes in a French post (the ``[social]`` table).
FRENCH_SOCIAL = """
[social]
via = "{publisher}, via {via}"
said = "a déclaré"
translation = "Traduction : « {text} »"
take_action = "Agir :"
link_in_bio = "lien dans la bio"
source = "Source :"
clause_words = "qui que dont où mais et ou"
"""
