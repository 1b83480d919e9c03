"""drf-spectacular hooks: document the answers every API operation can give, as they are."""

# 400: the body names each parameter (or field of a write) and what is wrong with it: a message
# (`{"page": "Invalid page."}`), a list of messages (`{"year": ["Enter a number."]}`), or for a
# nested field (an event's places) a list of such objects.
INVALID = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {
        "anyOf": [{"type": "string"}, {"type": "array"}, {"type": "object"}],
    },
}
# 401, 403, 404, 429: one message.
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
ANSWERS = {
    "400": (
        INVALID,
        "Invalid parameter or field: the body names each one and what is wrong with it. Values "
        "the schema cannot list because they depend on the data are checked too: an unknown "
        "network, region, country, theme or other slug in a filter, a page past the last one, "
        "and in a write an unknown network or a rule of the admin's validation.",
    ),
    "401": (DETAIL, "Credentials are missing (for a write) or are not valid."),
    "403": (DETAIL, "The credentials do not allow this write (permission, network or publishing)."),
    "404": (DETAIL, "No published record with this key (a write: none the user may change)."),
    "429": (DETAIL, "Too many requests: wait for the number of seconds in the Retry-After header."),
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request.",
        "required": True,
        "schema": {"type": "integer"},
    }
}
CSV = {
    "type": "string",
    "description": (
        "?format=csv: a header row with the columns, then one row per record (every matching "
        "record of a list, without pagination, streamed in chunks). Errors are JSON in any format."
    ),
}
# Query parameters whose empty value is refused (`?page_size=`); an empty filter (`?network=`) is
# no filter, as the HTML filter forms send it, and an empty `?page=` is the first page.
EMPTY_REFUSED = {"page_size"}
# A text parameter may hold any character but NUL (400 "Null characters are not allowed.").
NO_NUL = "^[^\\u0000]*$"


def document_error_answers(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, (schema, description) in ANSWERS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": schema}},
                    },
                )
            responses["429"].setdefault("headers", RETRY_AFTER)
    return result


def document_csv(result, generator, request, public):
    """A CSV answer is text, not the JSON object drf-spectacular derives from the serializer."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                if "text/csv" in response.get("content", {}):
                    response["content"]["text/csv"] = {"schema": CSV}
    return result


def document_empty_filters(result, generator, request, public):
    """An empty filter value means "no filter" (allowEmptyValue), as the list pages treat it; so
    does an empty item of a list of values (`?ordering=,` keeps the list's own order). Text
    parameters refuse NUL characters."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method != "get":
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query":
                    continue
                schema = parameter["schema"]
                if schema.get("type") == "string" and not {"enum", "format"} & set(schema):
                    schema.setdefault("pattern", NO_NUL)
                if parameter["name"] not in EMPTY_REFUSED:
                    parameter["allowEmptyValue"] = True
                    items = schema.get("items", {})
                    if "" not in items.get("enum", [""]):
                        items["enum"].append("")
    return result


def document_anonymous_reads(result, generator, request, public):
    """Reads need no credentials: say so on every GET (drf-spectacular only does for AllowAny)."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            security = operation.get("security")
            if method in ("get", "head") and security is not None and {} not in security:
                security.append({})
    return result
