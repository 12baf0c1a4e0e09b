"""factory_boy factories for pact pages, shared by tests and the demo seed."""

import factory

from netra.home.factories import PageFactory

from .demo_content import PACT
from .models import PactIndexPage, PactPage


class PactIndexPageFactory(PageFactory):
    class Meta:
        model = PactIndexPage

    title = "Pakta Integritas"
    slug = "pakta"


class PactPageFactory(PageFactory):
    class Meta:
        model = PactPage

    title = factory.Sequence(lambda n: f"Pakta Integritas Netralitas {n}")
    preamble = PACT["preamble"]
    commitment_intro = PACT["commitment_intro"]
    clauses = factory.LazyFunction(lambda: [("clause", text) for text in PACT["clauses"]])
    closing = PACT["closing"]
    consent_text = PACT["consent_text"]
