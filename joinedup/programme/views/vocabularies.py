"""The status vocabularies: every version's words, what each means and its colour; and a form
to publish the next version of a vocabulary the partnership's plans use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import form_page, require
from joinedup.programme import permissions, selectors, services, status
from joinedup.programme.models import CanonicalState, Rag, StatusVocabulary
from joinedup.programme.status import RAG_TAG

FORM = "programme/form.html"


def _publishable(user: Any, partnership: Partnership) -> list[str]:
    plans = selectors.plan_list(user=user, partnership=partnership)
    slugs = sorted({p.vocabulary.slug for p in plans})
    return [s for s in slugs if permissions.can_publish_vocabulary(user, s)]


@partnership_view
def vocabulary_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    used: dict[int, list[str]] = {}
    for plan in selectors.plan_list(user=request.user, partnership=partnership):
        used.setdefault(plan.vocabulary_id, []).append(plan.name)
    vocabularies = list(
        StatusVocabulary.objects.prefetch_related("words").order_by("name", "-version")
    )
    for vocabulary in vocabularies:
        vocabulary.used_by = used.get(vocabulary.pk, [])
        vocabulary.rows = [
            {
                "word": w.word,
                "state": w.get_state_display(),
                "rag": w.get_rag_display(),
                "tag": RAG_TAG[w.rag],
            }
            for w in vocabulary.words.all()
        ]
    return render(
        request,
        "programme/vocabularies.html",
        {
            "partnership": partnership,
            "vocabularies": vocabularies,
            "can_publish": bool(_publishable(request.user, partnership)),
        },
    )


class PublishForm(forms.Form):
    vocabulary = forms.ChoiceField(label="Vocabulary")
    name = forms.CharField(
        max_length=200, required=False, label="Name", help_text="Leave empty to keep the name"
    )
    words = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Words",
        help_text=(
            "One a line: word | state | colour, e.g. “Achieved | complete | blue”. States: "
            + ", ".join(CanonicalState.values)
            + ". Colours: "
            + ", ".join(Rag.values)
            + "."
        ),
    )
    reason = forms.CharField(max_length=500, label="Why a new version?")

    def __init__(self, *args: Any, slugs: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vocabulary"].choices = [(s, s) for s in slugs]

    def clean_words(self) -> list[Any]:
        try:
            return status.parse_word_lines(self.cleaned_data["words"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["slug"] = data.pop("vocabulary")
        return data


@partnership_view
def vocabulary_publish(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    slugs = _publishable(request.user, partnership)
    require(bool(slugs))
    back = reverse("programme:vocabulary_list", args=[partnership.slug])
    return form_page(
        request,
        form=PublishForm(request.POST or None, slugs=slugs),
        save=lambda **data: services.vocabulary_publish(actor=request.user, **data),
        success=lambda v: f"{v} published.",
        redirect_to=lambda v: back,
        context={
            "partnership": partnership,
            "title": "Publish a new version of a status vocabulary",
            "back_url": back,
        },
        template=FORM,
    )
