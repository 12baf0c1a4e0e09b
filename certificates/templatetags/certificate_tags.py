"""Certificate state on pages other apps own ("Kursus saya" course cards): courses never
import certificates, so its templates ask through these tags."""

from django import template

from .. import certification, rules, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_certificates(context):
    """The learner's current certificate per course id, loaded once per page."""
    request = context.get("request")
    return selectors.current_certificates_for_learner(request.user) if request else {}


@register.inclusion_tag("certificates/includes/course_certificate.html", takes_context=True)
def course_certificate(context, certificates, card):
    """The certificate line of a course card: download, being prepared, or what is still
    missing (e.g. the pact) once the modules and quiz are done."""
    certificate = certificates.get(card.course.pk)
    missing, pacts = [], ()
    completed = card.progress.status == "completed"
    if certificate is None and completed and card.course.certificate_enabled:
        request = context["request"]
        found, pacts = certification.certificate_requirements(user=request.user, course=card.course)
        missing = [rules.missing_message(m, pacts=pacts) for m in found]
    return {
        "certificate": certificate,
        "status": selectors.certificate_status(certificate) if certificate else None,
        "completed": completed,
        "enabled": card.course.certificate_enabled,
        "missing": missing,
    }
