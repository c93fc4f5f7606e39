"""Re-encrypt every encrypted column and file under the newest key (MultiFernet rotation)."""

from django.apps import apps
from django.db import connection, transaction

from accounts.fields import EncryptedTextField, encrypted_file_rotate, rotate_token

from ..models import ResumeUpload
from .uploads import files_delete_on_commit, resume_file_name


def _encrypted_columns():
    for model in apps.get_models():
        fields = [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
        if fields:
            yield model, fields


def encryption_keys_rotate(*, batch: int = 500) -> dict[str, int]:
    """Rotate the raw tokens (no plaintext is handled); returns how many values and files were rotated."""
    counts = {"values": 0, "files": 0}
    quote = connection.ops.quote_name
    for model, fields in _encrypted_columns():
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        columns = ", ".join(quote(field.column) for field in fields)
        last = 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {columns} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s", [last, batch])
                rows = cursor.fetchall()
                for row in rows:
                    last = row[0]
                    for field, token in zip(fields, row[1:], strict=True):
                        if not token:
                            continue
                        rotated = rotate_token(token.encode()).decode()
                        cursor.execute(f"UPDATE {table} SET {quote(field.column)} = %s WHERE {pk} = %s", [rotated, row[0]])
                        counts["values"] += 1
            if len(rows) < batch:
                break
    uploads = ResumeUpload.objects.exclude(stored_name="").values_list("pk", "stored_name")
    for upload_id, name in uploads.iterator():
        rotated = encrypted_file_rotate(name, into=resume_file_name())
        with transaction.atomic():
            # The row moves to the new file only if nothing replaced or erased it meanwhile.
            moved = ResumeUpload.objects.filter(pk=upload_id, stored_name=name).update(stored_name=rotated)
            files_delete_on_commit([name if moved else rotated])
        counts["files"] += moved
    return counts
