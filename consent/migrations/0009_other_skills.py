import accounts.fields
from django.db import migrations


def split_skills(apps, schema_editor):
    """Move each resume's names outside the vocabulary from `skills` to `other_skills`."""
    from consent.parsing import skills_split

    Resume = apps.get_model("consent", "Resume")
    for resume in Resume.objects.exclude(skills=[]).iterator(chunk_size=500):
        known, other = skills_split(list(resume.skills or []))
        if other:
            resume.skills = known
            resume.other_skills = other
            resume.save(update_fields=["skills", "other_skills"])


def merge_skills(apps, schema_editor):
    Resume = apps.get_model("consent", "Resume")
    for resume in Resume.objects.filter(other_skills__isnull=False).iterator(chunk_size=500):
        resume.skills = [*(resume.skills or []), *(resume.other_skills or [])]
        resume.save(update_fields=["skills"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0008_admin_labels")]

    operations = [
        migrations.AddField(
            model_name="resume",
            name="other_skills",
            field=accounts.fields.EncryptedJSONField(blank=True, null=True, verbose_name="other skills"),
        ),
        migrations.RunPython(split_skills, merge_skills),
    ]
