"""The action page's words, by language: what its script shows (``UI_TEXT``) and the headings
of the sections rendered once per language (``PAGE_WORDS``). A language is an entry here and
the campaign's ``[translations.<code>]``, not new code."""

from __future__ import annotations

#: What the page's script says, by language.
UI_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "your_name": "(your name)",
        "your_street": "(your street address)",
        "your_city": "(your city, state and ZIP)",
        "officials_for": "Your officials for {label} ({name})",
        "vacant_note": "This seat is vacant: there is no one to write to or call until it is "
        "filled.",
        "call": "Call {label}:",
        "other_offices": "Other offices ({count})",
        "state_hint": "Your state legislators are on this page too: enter your {state} state "
        "district (see the district list). A ZIP code finds only your members of Congress.",
        "no_phone": "No phone number in the data: use the contact form.",
        "script": "What to say when you call",
        "letter": "Your letter",
        "letter_to": "Letter to {heading}",
        "copy_letter": "Copy the letter",
        "copied": "Copied.",
        "contact_form": "Open the contact form of {name} to paste your letter",
        "split": "Your ZIP {zip} is split between {parts}. Choose your district, or find it from "
        "your street address at the Census Bureau's site.",
        "and": "and",
        "less_than_1": "less than 1%",
        "census": "Find your district from your street address (U.S. Census Bureau)",
        "zip_unknown": "ZIP {zip} is not in the ZIP table (PO-box-only and single-business ZIPs "
        "are missing). Enter your district instead, or find it from your street address at the "
        "Census Bureau's site.",
        "not_a_place": "'{value}' is not a ZIP code or a district here.",
        "example": "Enter a 5-digit ZIP such as {zip}, or a district such as {districts}.",
        "only": "This page covers {states} only.",
        "add_yourself": "Add your name, address and own words",
        "find_heading": "Find your officials",
        "place_label": "Your ZIP code or district",
        "find": "Find",
        "you_heading": "About you (for your letter)",
        "you_hint": "Nothing you type leaves this page: it is not stored and not sent anywhere.",
        "name_label": "Your name",
        "street_label": "Street address",
        "city_label": "City, state and ZIP",
        "story_label": "Your own words (optional): why this matters to you",
        "share_heading": "Share",
        "copy_post": "Copy",
    },
    "es": {
        "your_name": "(su nombre)",
        "your_street": "(su dirección)",
        "your_city": "(su ciudad, estado y código postal)",
        "officials_for": "Sus representantes de {label} ({name})",
        "vacant_note": "Este escaño está vacante: no hay a quién escribir ni llamar hasta que "
        "se ocupe.",
        "call": "Llamar a {label}:",
        "other_offices": "Otras oficinas ({count})",
        "state_hint": "Sus legisladores estatales también están en esta página: escriba su "
        "distrito estatal de {state} (vea la lista de distritos). Un código postal solo encuentra "
        "a sus miembros del Congreso.",
        "no_phone": "No hay número de teléfono en los datos: use el formulario de contacto.",
        "script": "Qué decir cuando llame",
        "letter": "Su carta",
        "letter_to": "Carta a {heading}",
        "copy_letter": "Copiar la carta",
        "copied": "Copiada.",
        "contact_form": "Abrir el formulario de contacto de {name} para pegar su carta",
        "split": "Su código postal {zip} se reparte entre {parts}. Elija su distrito, o búsquelo "
        "con su dirección en el sitio de la Oficina del Censo.",
        "and": "y",
        "less_than_1": "menos del 1%",
        "census": "Busque su distrito con su dirección (Oficina del Censo de EE. UU.)",
        "zip_unknown": "El código postal {zip} no está en la tabla (faltan los de apartados "
        "postales y de una sola empresa). Escriba su distrito, o búsquelo con su dirección en el "
        "sitio de la Oficina del Censo.",
        "not_a_place": "'{value}' no es un código postal ni un distrito de esta página.",
        "example": "Escriba un código postal de 5 cifras como {zip}, o un distrito como "
        "{districts}.",
        "only": "Esta página solo cubre {states}.",
        "add_yourself": "Añada su nombre, su dirección y sus propias palabras",
        "find_heading": "Encuentre a sus representantes",
        "place_label": "Su código postal o distrito",
        "find": "Buscar",
        "you_heading": "Sobre usted (para su carta)",
        "you_hint": "Nada de lo que escriba sale de esta página: no se guarda ni se envía.",
        "name_label": "Su nombre",
        "street_label": "Dirección",
        "city_label": "Ciudad, estado y código postal",
        "story_label": "Sus propias palabras (opcional): por qué le importa",
        "share_heading": "Compartir",
        "copy_post": "Copiar",
    },
}

PAGE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "name": "English",
        "ask": "What we ask",
        "facts": "The facts",
        "sources": "Sources",
        "source": "source",
        "posts_note": "",
    },
    "es": {
        "name": "Español",
        "ask": "Lo que pedimos",
        "facts": "Los datos",
        "sources": "Fuentes",
        "source": "fuente",
        "posts_note": "Los textos para compartir están en inglés.",
    },
}
