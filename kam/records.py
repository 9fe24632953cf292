"""Writing a record the way every app's services do: validated, then saved."""

from django.core.exceptions import ValidationError
from django.db import models


def strip_required(instance, name: str) -> None:
    """Trim a required text field in a model's ``clean``. One of only spaces is blank:
    ``full_clean`` checked for blanks before ``clean`` trimmed it (an empty one it has
    reported already)."""
    raw = getattr(instance, name) or ""
    value = raw.strip()
    setattr(instance, name, value)
    if raw and not value:
        raise ValidationError({name: models.Field.default_error_messages["blank"]})


def apply_changes(instance, data: dict):
    """Set fields, validate them (model ``clean`` and constraints) and save.

    Fields the services keep with UPDATE statements (``DERIVED_FIELDS``: an account's last
    visit, its unvisited flag) are not written back: the instance in hand may be older
    than them, and saving it whole would undo a visit logged meanwhile.
    """
    m2m = {}
    for field, value in data.items():
        if instance._meta.get_field(field).many_to_many:
            m2m[field] = value
        else:
            setattr(instance, field, value)
    instance.full_clean()
    derived = getattr(instance, "DERIVED_FIELDS", ())
    if instance.pk is not None and derived:
        instance.save(
            update_fields=[
                field.name
                for field in instance._meta.concrete_fields
                if not field.primary_key and field.name not in derived
            ]
        )
    else:
        instance.save()
    for field, value in m2m.items():
        getattr(instance, field).set(value)
    return instance


def stored_value(instance, field: str):
    """A field as the database has it: a page's form has already set the new value on the
    instance it hands over, so the instance cannot say what changed."""
    return type(instance).objects.filter(pk=instance.pk).values_list(field, flat=True).first()


def restore_stored(instance, *fields: str) -> None:
    """Set ``fields`` of ``instance`` back to the database's values, in one query (a rule
    that compares old and new values reads the old ones from there)."""
    stored = type(instance).objects.filter(pk=instance.pk).values(*fields).first() or {}
    for field, value in stored.items():
        setattr(instance, field, value)
