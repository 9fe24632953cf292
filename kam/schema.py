"""Touches to the OpenAPI schema that drf-spectacular cannot infer (its postprocessing hooks)."""


def integer_ids(result, generator, request, public):
    """Path ids are integers: the viewsets' ``lookup_value_regex`` (digits only, so that a
    word after a slash is a 404, not a 500) makes drf-spectacular declare them as strings
    with a pattern, and generated clients would then take ``id: str``."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and schema.get("pattern") == "^[0-9]+$":
                    parameter["schema"] = {"type": "integer"}
    return result
