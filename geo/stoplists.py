"""Word lists the recogniser uses to tell place names from people, organisations and
capitalised common words.

These are closed-class or near-closed-class lists (titles, speech verbs, corporate
suffixes, calendar words, frequent given names), not lists of corpus-specific
exceptions: each entry says something about the *context* of a name.
"""

from __future__ import annotations

from functools import lru_cache


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())

# Words that, right before a capitalised name, make it a person's name.
TITLES: frozenset[str] = _words("""
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Sir Dame Lord Lady Rev Rev. Fr Fr. St. Saint
President Vice-President Premier Chancellor Minister Secretary Senator Sen. Sen Rep. Rep Representative
Congressman Congresswoman Governor Gov. Gov Mayor Judge Justice Councillor Councilman Councilwoman
King Queen Prince Princess Pope Emperor Sheikh Emir Ayatollah Imam Rabbi Bishop Archbishop Cardinal
General Gen. Gen Lt. Lieutenant Col. Colonel Maj. Major Capt. Captain Sgt. Sergeant Adm. Admiral Commander
Cpl. Corporal Pvt. Private Officer Detective Det. Inspector Chief Sheriff Deputy Constable
Spokesman Spokeswoman Spokesperson spokesman spokeswoman spokesperson Ambassador Envoy Commissioner
Director Chairman Chairwoman Chair CEO Coach Agent Attorney Dean Professor Pastor Father Brother Sister
coach player striker manager actor actress singer rapper author writer director producer
""")

# Verbs after a name: "Kirby said" (a person) or "Kyiv says" (a metonymic place).
SPEECH_VERBS: frozenset[str] = _words("""
said says say stated states told tells added adds noted notes wrote writes argued argues explained explains
claimed claims insisted insists warned warns announced announces denied denies accused accuses believes
believed thinks thought wants wanted hopes hoped asked asks urged urges replied replies responded responds
confirmed confirms reported reports acknowledged acknowledges admitted admits alleged alleges maintains
maintained vowed vows pledged pledges threatened threatens demanded demands rejected rejects refused refuses
agreed agrees criticized criticised condemned condemns welcomed welcomes declined declines
""")

# Verbs after a place that mark it as acting (metonymy: the place stands for its government/people).
METONYMY_VERBS: frozenset[str] = SPEECH_VERBS | _words("""
has have had sent sends send launched launches imposed imposes supplied supplies backed backs supported
supports signed signs recognized recognised recognizes retaliated retaliates expelled expels deployed
deploys bolster bolsters pushed pushes sanctioned sanctions invaded invades attacked attacks struck
strikes won wins beat beats lost loses will would could should must may might is was
""") - frozenset({"is", "was", "has", "have", "had", "will", "would", "could", "should", "must",
                          "may", "might"})

# Tokens after a capitalised name that make the whole an organisation.
ORG_SUFFIXES: frozenset[str] = _words("""
Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. LLC LLP PLC plc AG GmbH SA S.A. NV Holdings Group Sachs
Partners Associates Bancorp Airlines Airways Motors Pharmaceuticals Technologies Capital Securities
""")

# Generic words that after a place name make a region phrase ("Kursk region", "Chiba prefecture").
REGION_WORDS: dict[str, str] = {
    "region": "ADM1", "Region": "ADM1", "oblast": "ADM1", "Oblast": "ADM1", "province": "ADM1",
    "Province": "ADM1", "prefecture": "ADM1", "Prefecture": "ADM1", "state": "ADM1", "State": "ADM1",
    "governorate": "ADM1", "Governorate": "ADM1", "krai": "ADM1", "Krai": "ADM1", "territory": "ADM1",
    "Territory": "ADM1", "county": "ADM2", "County": "ADM2", "district": "ADM2", "District": "ADM2",
    "republic": "ADM1", "Republic": "ADM1",
}

# English words that name a kind of region, not one region, although some region somewhere is
# called so ("Central", "Coast", "Federal" are first-level regions of several countries), and frequent
# words that are only a region's alternate name in GeoNames ("First", "Line", "Store", "Jewish"). On
# their own, without "in"/"to" before them, they start a longer name ("Coast Guard", "Federal Minister")
# or describe. ("Male", the Maldives' capital, is not here: mid-sentence it is the city.)
GENERIC_REGION_WORDS: frozenset[str] = _words("""
federal capital coast coastal upper lower region valley bay forest lakes islands interior border
frontier metropolitan national first golden line store pool bar jewish centre center
""")

# Words that, before a name, make it a location ("in Kursk", "near Kazan").
LOCATIVE_PREPS: frozenset[str] = _words("""
in In at At near Near from From to To into Into across Across outside Outside inside Inside around Around
throughout Throughout toward towards via Via between within Within visited visit entered reached
в В во Во на На под Под около Около возле Возле у У біля Біля поблизу Поблизу під Під із Із
""")

# Capitalised words that are never place names in running text.
CALENDAR: frozenset[str] = _words("""
January February March April May June July August September October November December
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter Ramadan Eid Halloween
""")

FUNCTION_WORDS: frozenset[str] = _words("""
The A An And Or But If Of In On At To For From By With As It Its He She They We You I Is Was Be This That
These Those There Here Then When Where What Who Why How All Any Some No Not So Do Did Does Has Had Have
After Before While Since Until During Under Over Up Down Out About Also Just Only More Most Many Much Such
One Two Three Four Five Six Seven Eight Nine Ten First Second Last Next New Old Our Their His Her My Your
Mr Mrs Ms Dr God Yes Oh Ok OK Per Via Via. Re Vs Vs.
""")

# Frequent given names in English-language news (a name right before a place-named word makes it a surname).
FIRST_NAMES: frozenset[str] = _words("""
Aaron Abdul Abdullah Adam Adrian Ahmad Ahmed Alan Albert Alex Alexander Alexandra Alexei Ali Alice Alison Allen
Amanda Amy Andrea Andrew Andrei Andy Angela Angelina Ann Anna Anne Anthony Antonio Arthur Ashley Barack Barbara
Ben Benjamin Bernard Bernie Beth Betty Bill Billy Bob Bobby Boris Brad Brandon Brenda Brett Brian Bruce Bryan
Carl Carlos Carol Caroline Catherine Charles Charlie Chris Christian Christina Christine Christopher Chuck
Claire Colin Craig Dan Daniel Danny Dave David Deborah Debra Dennis Diana Diane Dmitry Donald Donna Doug Douglas
Ed Eddie Edward Elena Ellen Emily Emma Emmanuel Eric Erik Evan Frank Fred Gary George Gerald
Gordon Grace Greg Gregory Hannah Harold Harry Heather Helen Henry Howard Hugh Ian Igor Ivan Jack Jackie Jacob
James Jamie Jan Jane Janet Jason Javier Jean Jeff Jeffrey Jennifer Jeremy Jerry Jessica Jim Jimmy Joan Joe Joel
John Johnny Jon Jonathan Jose Joseph Josh Joshua Juan Judy Julia Julie Justin Karen Kate Katherine Kathleen
Kathy Keith Kelly Ken Kenneth Kevin Kim Kimberly Kyle Larry Laura Lauren Lawrence Lee Leonard Linda Lisa Lloyd
Louis Louise Lucy Luis Luke Lynn Marco Margaret Maria Marie Mark Martha Martin Mary Matt Matthew Megan Melissa
Michael Michelle Mike Mikhail Mohammed Mohammad Muhammad Nancy Natalie Nathan Neil Nicholas Nick Nicole Nikolai
Oleg Olga Oliver Pablo Pamela Pat Patricia Patrick Paul Paula Pedro Pete Peter Philip Phil Rachel Ralph Randy
Raymond Rebecca Richard Rick Rob Robert Robin Roger Ron Ronald Rose Roy Russell Ruth Ryan Sam Samantha Samuel
Sandra Sara Sarah Scott Sean Sergei Sergey Sharon Shirley Simon Stephanie Stephen Steve Steven Susan Tammy
Terry Thomas Tim Timothy Tina Todd Tom Tommy Tony Tyler Valerie Victor Vincent Vladimir Volodymyr
Walter Wayne William Willie Xi Yuri Zachary Kamala Joe Hillary Lindsey Nikki Ron Mitch Chuck Nancy Kevin
Ted Rand Rudy Rex Mike Jens Olaf Emmanuel Angela Recep Benjamin Narendra Shinzo Fumio Yoon Moon Kishida
Hisashi Shigeru Kenji Hiroshi Takeshi Yuki Akira Jong Jae Sung Min Hyun Wei Li Zhang Wang Chen Liu Mohamed
Hassan Hussein Omar Khalid Mahmoud Yusuf Ibrahim Mustafa Rajesh Rahul Amit Priya Sanjay
""")

# Given names that are also common place names: "Paris Hilton", "Austin Powers", "Jordan Peterson".
PLACE_LIKE_FIRST_NAMES: frozenset[str] = _words("""
Paris Austin Jordan Georgia Florence Victoria Mary Julia Nancy Charlotte Douglas Nelson Tracy Kobe Ben Viktoria Chelsea Sydney Dallas Madison Houston Lincoln Savannah Aurora
Brooklyn Phoenix Dakota Carolina Virginia Adelaide Alexandria Camden Denver Eugene Orlando Regina Elizabeth
Charlotte Augusta Marion Clinton Jackson Tyler Chester Shelby Troy Warren Vienna Milan Santiago Israel Kent
""")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent lowercase English words (wordfreq, Zipf >= 4.6), for sentence-initial and headline
    capitals: "Reading the report" is not Reading, England. Empty when wordfreq is missing."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return frozenset()
    freq = get_frequency_dict("en", wordlist="small")
    return frozenset(w for w, f in freq.items() if f >= 10 ** (4.6 - 9) and w.isalpha())


def zipf(word: str) -> float:
    """Zipf frequency of a lowercase word (0 when unknown or wordfreq is missing)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        return 0.0
    return zipf_frequency(word, "en")
