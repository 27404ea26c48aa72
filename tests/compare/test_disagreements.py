"""Disagreements: figure conflicts and denials, with the conflicting claims and their exact Refs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.compare.dated_reports import similar_pairs
from storyline.compare.disagreements import classify_pair, examine, find_disagreements
from storyline.features.context import Features
from storyline.ingest import load_articles
from storyline.model import Article, Corpus, Story
from storyline.pipeline import prepare_story
from storyline.text.normalize import jaccard


def _story(*texts: str) -> Story:
    return prepare_story(Corpus(tuple(Article(id=f"d{n}", text=t) for n, t in enumerate(texts))))


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # Two tolls for one flood, one of them said to be disputed.
        (
            "The death toll in Derna has risen to about 11,300, the UN said, but other officials disputed the figure.",
            "The eastern government put the number of officially registered deaths at 3,252.",
            "figures",
        ),
        (
            "No fewer than 12 people were killed on Sunday in Okololo.",
            "The police confirmed the attack in Okololo but said 10 persons were killed.",
            "figures",
        ),
        # A denial that names what it denies, but in another document: shared words are not enough to pair
        # them (1 of 9 such pairs was right on held-out news clusters), so it is not shown.
        (
            "Rebels said they recaptured the town of Malakal on Tuesday.",
            "The army dismissed rebel claims that they had recaptured Malakal.",
            "none",
        ),
    ],
)
def test_classify_pair_finds_conflicting_figures_and_denials(a: str, b: str, kind: str) -> None:
    assert classify_pair(a, b) == kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Same value written two ways.
        ("Forces have retaken about 80 percent of Aleppo.", "Government forces seized about 80% of east Aleppo."),
        # A lower bound that the other figure satisfies.
        ("MSF said 17 people were killed in the strike.", "At least 14 patients and staff were killed in the strike."),
        # Different counted things: shot vs dead, missing vs dead.
        ("20 victims were feared shot in San Bernardino.", "Up to 12 people may have died in San Bernardino."),
        ("Another 10,100 were still missing in Derna.", "The death toll in Derna rose to 11,300."),
        # A rising count reported twice is an update.
        ("The death toll in Kabul has increased to 13.", "The death toll in Kabul rose to 24 on Wednesday."),
        # "Rejected" a position, not a claim.
        ("Opposition fighters have rejected talk of leaving Aleppo.", "Opposition forces vowed to stay in Aleppo."),
        # A denial that shares nothing with the other sentence.
        ("The Taliban denies being involved.", "Gunmen broke into the hospital after a suicide bombing."),
        # A sentence that reports both sides of a dispute does not dispute a third one.
        (
            "The toll rose to 11,300, the UN said, but officials disputed the figure.",
            "Another 10,100 people were still missing, the UN said.",
        ),
        # "Made up" a bed is not "made up" a claim.
        ("The hotel room was very clean and the bed was made up.", "The bed in my room had not been made up."),
        # A denied figure must be the other sentence's figure.
        (
            "This laptop has far better battery life than my old one.",
            "The 9 hour battery life of this laptop is not true.",
        ),
    ],
)
def test_classify_pair_leaves_hard_negatives_alone(a: str, b: str) -> None:
    assert classify_pair(a, b) == "none"


def test_truce_lengths_from_different_proposers_are_different_proposals() -> None:
    story = _story(
        "A resolution for a seven-day cease-fire in Aleppo was blocked by Russia and China.",
        "The opposition factions are calling for an immediate five-day humanitarian ceasefire in Aleppo.",
    )
    assert find_disagreements(story) == ()
    [finding] = examine(story)
    assert not finding.disagree
    assert "different proposals" in finding.why


def test_truce_lengths_from_one_proposer_disagree() -> None:
    story = _story(
        "The UN draft resolution, tabled by Egypt, demands a seven-day truce in Aleppo.",
        "Diplomats said the Security Council resolution would demand a five-day truce in Aleppo before any talks.",
    )
    [item] = find_disagreements(story)
    assert item.kind == "figures"
    assert item.topic == "truce length (days)"


def test_a_denial_pointing_back_links_to_the_sentence_before_it() -> None:
    story = _story("The army said its gains included the eye hospital. The rebel official said it had yet to fall.")
    [item] = find_disagreements(story)
    assert item.kind == "denial"
    assert [c.text for c in item.claims] == [
        "The army said its gains included the eye hospital.",
        "The rebel official said it had yet to fall.",
    ]


def test_no_disagreement_in_an_empty_or_agreeing_story() -> None:
    assert find_disagreements(_story("Rain fell on Tuesday.")) == ()
    assert find_disagreements(_story("12 people were killed in Okololo.", "Police said 12 people were killed.")) == ()


@pytest.fixture(scope="module")
def seeds_story(seeds_dir: Path) -> Story:
    return prepare_story(load_articles(seeds_dir))


def test_seeds_eye_hospital_disagreement_has_the_exact_refs(seeds_story: Story) -> None:
    found = [d for d in find_disagreements(seeds_story, Features(seeds_story, embedder=None)) if d.kind == "denial"]
    hospital = [d for d in found if any("eye hospital" in c.text for c in d.claims)]
    assert len(hospital) == 1
    claims = hospital[0].claims
    doc = seeds_story.document("004_a27380e3b6992a27")
    army = next(s for s in doc.sentences if "eye hospital" in s.text)
    rebel = next(s for s in doc.sentences if s.text == "The rebel official said it had yet to fall.")
    assert claims[0].support == (army.ref(),)
    assert claims[1].support == (rebel.ref(),)


def test_seeds_seven_and_five_day_truces_are_not_a_disagreement(seeds_story: Story) -> None:
    shown = find_disagreements(seeds_story)
    assert not any(d.kind == "figures" and "truce" in d.topic for d in shown)
    considered = [f for f in examine(seeds_story) if f.topic == "truce length (days)"]
    assert considered and all(not f.disagree for f in considered)


def test_every_ref_spans_its_claim_text(seeds_story: Story) -> None:
    story = _story(
        "Rebels said they recaptured the town of Malakal on Tuesday.\nOther news.",
        "The army dismissed rebel claims that they had recaptured Malakal.",
        "The death toll in Derna has risen to about 11,300, the UN said, but other officials disputed the figure.",
        "The eastern government put the number of officially registered deaths at 3,252.",
    )
    for s in (seeds_story, story):
        found = find_disagreements(s)
        assert found
        texts = {d.id: d.article.text for d in s.documents}
        for d in found:
            assert d.topic and d.kind and d.why
            assert len(d.claims) >= 2
            for c in d.claims:
                assert c.support
                for r in c.support:
                    assert texts[r.doc][r.start : r.end] == c.text


def _dated_story(*texts: str) -> Story:
    import datetime as dt

    from storyline.model import Article, Corpus
    from storyline.pipeline import prepare_story

    articles = [Article(id=f"d{n}", text=t, date=dt.date(2016, 12, 7)) for n, t in enumerate(texts)]
    return prepare_story(Corpus(tuple(articles)))


def test_one_report_with_two_dates_is_a_dates_disagreement() -> None:
    story = _dated_story(
        "Government forces captured the Sheikh Saeed district on Monday, a monitoring group said.",
        "Government forces captured the Sheikh Saeed district on Sunday, a monitoring group said.",
    )
    [found] = find_disagreements(story)
    assert found.kind == "dates"
    assert "2016-12-05" in found.why and "2016-12-04" in found.why


def test_different_events_on_different_days_are_not_a_dates_disagreement() -> None:
    story = _dated_story(
        "Government forces captured the Sheikh Saeed district on Monday, a monitoring group said.",
        "Aid trucks reached the western districts of the city on Sunday, the Red Cross said.",
    )
    assert find_disagreements(story) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The detainees were denied legal counsel for three days.",
        "A spokesman refused to confirm or deny the report of a second raid.",
        "Nobody is going to deny that the bridge needs repairs.",
        "Officials did not deny the report of a second raid.",
        "Did the minister deny the report of a second raid?",
    ],
)
def test_what_only_looks_like_a_denial_is_none(sentence: str) -> None:
    claim = "Local media reported a second raid on the harbour warehouse at dawn."
    assert classify_pair(claim, sentence) == "none"


def test_a_denial_in_another_document_is_not_paired_by_shared_words() -> None:
    story = _story(
        "Police said the mayor ordered the warehouse raid on Friday.\nThe mayor is under an ethics cloud.",
        "The mayor denied ordering the warehouse raid, his office said.",
    )
    assert find_disagreements(story) == ()
    unrelated = _story("The mayor is under an ethics cloud.", "The mayor denied ordering the warehouse raid.")
    assert find_disagreements(unrelated) == ()


def test_a_negated_claim_agrees_with_the_denial() -> None:
    story = _story(
        "Aides insisted the governor had made no request to end the audit of the port.",
        "The governor's office denied any request to end the audit of the port.",
    )
    assert find_disagreements(story) == ()


def test_one_author_pointing_back_is_no_dispute_between_sources() -> None:
    story = _story("We still do not know why the burglars broke in that night. In his memoir, he denies it.")
    assert find_disagreements(story) == ()


def test_a_past_events_toll_is_not_set_against_todays() -> None:
    story = _story(
        "The fire at the Brenton mill killed 60 workers on Tuesday, the fire service said.",
        "In 1978 a fire at the Brenton mill killed 20 workers, the fire service said.",
    )
    assert find_disagreements(story) == ()


def test_two_events_in_one_place_are_two_tolls() -> None:
    story = _story(
        "A bus crash in Ohio killed 12 people on the interstate.",
        "A factory fire in Ohio killed 20 people near the river.",
    )
    assert find_disagreements(story) == ()


def test_killed_and_injured_are_not_one_quantity() -> None:
    story = _story(
        "The blast at the Brenton mill killed 12 workers, the fire service said.",
        "The blast at the Brenton mill injured 30 workers, the fire service said.",
    )
    assert find_disagreements(story) == ()


def test_one_dispute_is_shown_once() -> None:
    toll = "The blast at the Brenton mill killed 12 workers, police said."
    other = "The blast at the Brenton mill killed 19 workers, the union said."
    story = _story(toll, other, "Residents said the blast at the Brenton mill killed 19 workers.")
    [item] = find_disagreements(story)
    assert item.kind == "figures" and item.topic == "death toll"


def test_disagreements_name_no_actor_of_any_story() -> None:
    import storyline.compare as compare

    source = "".join(p.read_text() for p in Path(compare.__file__).parent.glob("*.py")).lower()
    for name in ("aleppo", "syria", "assad", "russia", "moscow", "kremlin", "washington", "damascus", "rebel"):
        assert name not in source


@given(st.lists(st.sets(st.sampled_from("abcdefgh"), max_size=6), max_size=12), st.sampled_from([0.3, 0.6, 0.9]))
def test_the_prefix_filtered_join_finds_exactly_the_similar_pairs(sets: list[set[str]], threshold: float) -> None:
    brute = [
        (i, j) for i in range(len(sets)) for j in range(i + 1, len(sets)) if jaccard(sets[i], sets[j]) >= threshold
    ]
    assert list(similar_pairs(sets, threshold)) == brute


def test_tolls_from_documents_dated_differently_are_an_update_not_a_dispute() -> None:
    first = Article(
        id="d0", text="The blast at the Brenton mill killed 12 workers, police said.", date=date(2020, 5, 1)
    )
    later = Article(
        id="d1", text="The blast at the Brenton mill killed 19 workers, the union said.", date=date(2020, 5, 3)
    )
    story = prepare_story(Corpus((first, later)))
    assert find_disagreements(story) == ()
    [finding] = [f for f in examine(story) if f.kind == "figures"]
    assert not finding.disagree and "as it changed" in finding.why


def test_a_source_giving_both_values_is_no_dispute() -> None:
    story = _story(
        "The blast at the Brenton mill killed 12 workers, police said. Later the blast at the Brenton mill was "
        "said to have killed 19 workers, police said.",
        "The blast at the Brenton mill killed 19 workers, the union said.",
    )
    assert [d for d in find_disagreements(story) if d.kind == "figures"] == []


def test_a_denial_of_a_named_report_is_paired_with_the_sentence_that_relays_it() -> None:
    story = _story(
        "Officials told the Daily Ledger on Tuesday that the mayor had ordered the audit of the port stopped.",
        "The mayor's office flatly denied the Daily Ledger report on Wednesday, a spokesman said.",
    )
    [item] = find_disagreements(story)
    assert item.kind == "denial"
    assert [c.text for c in item.claims] == [story.documents[0].sentences[0].text, story.documents[1].sentences[0].text]


def test_a_denied_statement_is_paired_with_the_sentence_that_states_it() -> None:
    claim = "Court papers show Harlan Voss ran the Brightwater shell company for a decade."
    story = _story(claim, "Reached by phone, he denied that Harlan Voss ran the Brightwater shell company.")
    [item] = find_disagreements(story)
    assert item.claims[0].text == claim


@pytest.mark.parametrize(
    "other",
    [
        "Harlan Voss never ran the Brightwater shell company, his lawyer said.",  # it agrees with the denial
        "Did Harlan Voss run the Brightwater shell company?",  # a question claims nothing
        "Harlan Voss ran a bakery in Brightwater.",  # not every word of the statement
    ],
)
def test_a_denied_statement_is_not_paired_with_what_does_not_state_it(other: str) -> None:
    story = _story(other, "Reached by phone, he denied that Harlan Voss ran the Brightwater shell company.")
    assert find_disagreements(story) == ()


def test_a_named_reports_relative_clause_is_no_claim() -> None:
    story = _story(
        "Here is the Daily Ledger story that started it all:",
        "The mayor's office flatly denied the Daily Ledger report on Wednesday, a spokesman said.",
    )
    assert find_disagreements(story) == ()


def test_a_denial_inside_the_claims_own_sentence_answers_no_other_sentence() -> None:
    story = _story(
        "\u201cI am at home and not abroad,\u201d the minister told the radio station. On Monday an envoy had "
        "suggested that the minister had fled abroad, a report that the ministry denied."
    )
    assert find_disagreements(story) == ()


def test_figures_naming_different_times_are_different_occurrences() -> None:
    # In undated documents no month resolves: the times as written must match, or the toll is a past one.
    today = (
        "The attacks on a market in Velmora killed 20 people, police said.",
        "Gunmen killed 17 people in an attack on a market in Velmora.",
    )
    assert classify_pair(*today) == "figures"
    past = (
        "The March 3 attacks on a market in Velmora killed 20 people, police said.",
        "Gunmen killed 17 people in March in an attack on a market in Velmora.",
    )
    assert classify_pair(*past) == "none"


def test_an_adjacent_pair_is_read_as_one_paragraph() -> None:
    claim, denial = (
        "The army said the gains included the old fort of Velmora.",
        "The rebel commander said it had yet to fall.",
    )
    assert classify_pair(claim, denial, adjacent=True) == "denial"
    assert classify_pair(claim, denial) == "none"  # two documents: "it" points back to nothing


def _shown(story: Story) -> list[tuple[str, tuple[str, ...]]]:
    return [(d.kind, tuple(c.text for c in d.claims)) for d in find_disagreements(story)]


def test_small_exact_counts_of_one_brawl_disagree() -> None:
    # 12 against 13 is within 10%, but neither is rounded: counted people. "In custody" is an arrest, and the
    # two sentences tell one brawl by the other figure they share ("three people stabbed").
    story = _story(
        "Three people were stabbed and 12 people were arrested during a brawl at a rally in Dunmore, police said.",
        "Officials say 13 people are in custody after a fight that left three people stabbed at a rally.",
    )
    assert [kind for kind, _ in _shown(story)] == ["figures"]


def test_a_documents_smaller_value_is_its_part_or_its_earlier_count() -> None:
    # d1 reports two stabbed, then three: its count grew; d0's three agrees with d1's latest.
    story = _story(
        "Three people were stabbed at a rally in Dunmore on Saturday, police said.",
        "Police say two people have been stabbed at a rally in Dunmore. Three people were stabbed at the rally "
        "in Dunmore, police later said.",
    )
    assert _shown(story) == []


def test_a_part_of_a_count_is_not_the_count() -> None:
    story = _story(
        "Police in Dunmore said 12 people were arrested at the rally on Saturday.",
        "A police spokesman in Dunmore says six of those arrested at the rally on Saturday are supporters.",
    )
    assert _shown(story) == []


def test_an_eventless_figure_conflicts_when_it_measures_one_thing_in_one_setting() -> None:
    story = _story(
        "The stroller fell down the shaft and landed on the elevator car, which was eight stories below.",
        "The baby and the stroller landed on top of the elevator car, which was six stories below.",
    )
    assert [kind for kind, _ in _shown(story)] == ["figures"]
    found = find_disagreements(story)[0]
    assert found.topic == "number of stories below"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Counts of different charges.
        (
            "He faces two counts of assault and one count of reckless driving in Kenton County.",
            "He was arrested on suspicion of reckless driving and six counts of criminal mischief in Kenton County.",
        ),
        # One measure, two settings that share no words.
        ("The river peaked two feet below the levee in Harlow.", "The water was nearly 13 feet below the bridge."),
        # A figure with no event and no frame compares with nothing.
        ("The building has 20 floors and a roof garden.", "The building has 24 floors and a roof garden."),
    ],
)
def test_eventless_figures_of_different_things_or_settings_are_not_a_conflict(a: str, b: str) -> None:
    assert _shown(_story(a, b)) == []


def test_counts_of_one_charge_disagree() -> None:
    story = _story(
        "He faces one count of reckless endangerment and five counts of fifth degree criminal mischief.",
        "Court papers list reckless endangerment and six counts of criminal mischief against Lee Harrow.",
    )
    assert [kind for kind, _ in _shown(story)] == ["figures"]


def test_a_denied_intent_is_paired_with_the_claim_of_intent() -> None:
    story = _story(
        "The two riders said they believed Harrow deliberately and intentionally drove into them on the trail.",
        "In a taped interview, Harrow denied any intent to harm anyone.",
    )
    shown = _shown(story)
    assert shown == [("denial", (story.documents[0].sentences[0].text, story.documents[1].sentences[0].text))]


def test_a_denied_intent_is_not_paired_with_the_deniers_own_words() -> None:
    story = _story(
        "Harrow said the crash was intentional on no one's part.",
        "In a taped interview, Harrow denied any intent to harm anyone.",
    )
    assert _shown(story) == []


def test_a_denied_report_about_someone_is_paired_with_the_report_naming_them() -> None:
    story = _story(
        "An earlier report by a television network said that Harlan suffered from a rare brain cancer.",
        "Officials have not said whether Harlan was ill, but said his family has denied media reports that he "
        "was suffering from cancer.",
    )
    assert [kind for kind, _ in _shown(story)] == ["denial"]
    # The same statement about someone the claim does not name is no pair.
    other = _story(
        "An earlier report said that Corbin suffered from a rare brain cancer.",
        "Officials have not said whether Harlan was ill, but said his family has denied media reports that he "
        "was suffering from cancer.",
    )
    assert _shown(other) == []


def test_a_reported_contradiction_pairs_the_two_statements() -> None:
    story = _story(
        "The mayor on Friday said he did not know the contractor. That contradicted the mayor's statement last "
        "month, when he said he had met the contractor twice."
    )
    assert [kind for kind, _ in _shown(story)] == ["denial"]


def test_a_toll_meets_only_the_report_told_like_it_in_the_other_document() -> None:
    # d1 gives three tolls: Monday's (the checkpoint massacre), Tuesday morning's, the uprising's. Only Monday's
    # is told like d0's and is its rival; "including 64" is a part of a toll, never a toll.
    story = _story(
        "Activists said a total of 125 people had died across the country, many of them in a single incident at a "
        "checkpoint in Harlow.",
        "As day broke on Tuesday, four people were killed across the country, activists said. At least 144 people "
        "were reported killed Monday, including 64 who died in a massacre at a checkpoint in Harlow.",
    )
    shown = _shown(story)
    assert len(shown) == 1
    assert "144" in shown[0][1][1]


def test_a_sum_of_money_is_what_it_is_in() -> None:
    story = _story(
        "Retailers made $3 million in sales and the city collected $500,000 in tax revenue, the Ledger reported.",
        "An industry group estimated that stores made about $3 million in sales and the city made about $1 million "
        "in tax revenue.",
    )
    assert [(kind, "1 million" in claims[1]) for kind, claims in _shown(story)] == [("figures", True)]


def test_a_denied_wrongdoing_answers_the_accusation() -> None:
    story = _story(
        "The committee on Wednesday accused former official Dana Merrow of breaking agency rules.",
        "One group came to the defense of Merrow, who has denied any wrongdoing, calling the probe a witch hunt.",
    )
    assert [kind for kind, _ in _shown(story)] == ["denial"]


def test_a_disputed_assertion_is_paired_with_the_sentence_where_its_source_speaks() -> None:
    story = _story(
        "The agency defends the deal, saying that without a new contract it could not have bought uniforms.",
        "A senator disputed the agency's assertion that the contract could not have been handled differently.",
    )
    assert _shown(story) == []  # "the agency" is no name
    named = _story(
        "Veltra defends the deal, saying that without a new contract it could not have bought uniforms.",
        "A senator disputed Veltra's assertion that the contract could not have been handled differently.",
    )
    assert [kind for kind, _ in _shown(named)] == ["denial"]
    # A sentence that only mentions the source is not where it speaks.
    mentioned = _story(
        "A senator said he will subpoena the memos that Veltra reportedly wrote about the deal.",
        "A senator disputed Veltra's assertion that the contract could not have been handled differently.",
    )
    assert _shown(mentioned) == []
