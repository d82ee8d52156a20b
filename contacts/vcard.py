"""vCard 3.0 (RFC 2426) cards for people in the contact directory."""

from contacts.models import Person

LINE_LIMIT = 75


def escape_text(value: str) -> str:
    """Escapes a vCard text value: backslash, comma, semicolon and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """Folds a content line into chunks of at most 75 octets (RFC 2425 5.8.1)."""
    chunks: list[str] = []
    current = ""
    limit = LINE_LIMIT
    for character in line:
        if len((current + character).encode("utf-8")) > limit:
            chunks.append(current)
            current = ""
            limit = LINE_LIMIT - 1  # continuation lines start with a space
        current += character
    chunks.append(current)
    return "\r\n ".join(chunks)


def split_name(name: str) -> tuple[str, str]:
    """Returns (family name, given names): the last word is taken as family name."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip(), ""
    return parts[-1], " ".join(parts[:-1])


def person_vcard(person: Person, organisation: str) -> str:
    """Returns the person's vCard 3.0 text with CRLF line endings."""
    family, given = split_name(person.name)
    org_units = [escape_text(organisation)]
    if person.municipality_id:
        org_units.append(escape_text(person.municipality.name))
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape_text(family)};{escape_text(given)};;;",
        f"FN:{escape_text(person.name)}",
        f"ORG:{';'.join(org_units)}",
    ]
    if person.job_title:
        lines.append(f"TITLE:{escape_text(person.job_title)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape_text(person.email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape_text(person.phone)}")
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)
