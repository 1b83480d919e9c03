"""drf-spectacular hooks: document the error answers every API operation can give."""

ERROR = {
    "description": "",
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
}
ANSWERS = {
    "400": "Invalid parameter: the body names each parameter and what is wrong with it.",
    "401": "Credentials were given but are not valid.",
    "403": "Credentials were given but do not allow this.",
    "404": "No published record with this slug (or no such page).",
    "429": "Too many requests: wait for the number of seconds in the Retry-After header.",
}


def document_error_answers(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ANSWERS.items():
                responses.setdefault(status, {**ERROR, "description": description})
    return result


def document_anonymous_reads(result, generator, request, public):
    """Reads need no credentials: say so on every GET (drf-spectacular only does for AllowAny)."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            security = operation.get("security")
            if method in ("get", "head") and security is not None and {} not in security:
                security.append({})
    return result
