"""Wire stories in the shape news agencies file them and NER corpora print them (tokenised,
one sentence a line): a headline, often in capitals; perhaps a byline; a dateline; the story;
its results, standings, squads and price tables; an agency sign-off. Written for searcher's
tests as the cleaner's do-no-harm check (everything but the sign-off is story); the events,
figures and quotations are invented, the names only give them the shape of real ones."""

# Each story is one string, a line per line of the file.
STORIES = [
    """\
SOCCER - LATE GOAL GIVES PORTO NARROW WIN OVER BRAGA .
LISBON 1996-12-08
A goal two minutes from time by substitute Mario Jardel gave Porto a 1-0 win over Braga on Sunday and kept them four points clear at the top of the Portuguese first division .
Braga had held out for 88 minutes on a heavy pitch before Jardel headed in a cross from the right .
" We deserved the points but it was hard work , " Porto coach Antonio Oliveira told reporters .
Benfica , who play Boavista on Monday , are second .
Results of Portuguese first division matches on Sunday :
Porto 1 Braga 0
Sporting 2 Maritimo 2
Farense 0 Guimaraes 1
Leca 3 Chaves 1
Estrela Amadora 1 Salgueiros 1
Standings ( tabulate under games played , won , drawn , lost , goals for , against , points ) :
Porto 13 10 2 1 27 8 32
Benfica 12 8 4 0 22 9 28
Sporting 13 7 4 2 20 11 25
Guimaraes 13 6 3 4 17 15 21
""",
    """\
SOCCER - ITALY NAME SQUAD FOR BOSNIA FRIENDLY .
ROME 1996-12-06
Italy coach Arrigo Sacchi named a 20-man squad on Friday for next week 's friendly against Bosnia in Sarajevo , recalling defender Paolo Negro after a year out injured .
Squad :
Goalkeepers - Angelo Peruzzi ( Juventus ) , Francesco Toldo ( Fiorentina )
Defenders - Paolo Maldini ( AC Milan ) , Alessandro Costacurta ( AC Milan ) , Ciro Ferrara ( Juventus ) , Paolo Negro ( Lazio ) , Luigi Apolloni ( Parma )
Midfielders - Demetrio Albertini ( AC Milan ) , Dino Baggio ( Parma ) , Roberto Di Matteo ( Chelsea ) , Diego Fuser ( Lazio ) , Angelo Di Livio ( Juventus )
Forwards - Alessandro Del Piero ( Juventus ) , Pierluigi Casiraghi ( Lazio ) , Gianfranco Zola ( Chelsea ) , Fabrizio Ravanelli ( Middlesbrough )
""",
    """\
GERMAN BONDS END FIRMER AS DOLLAR EASES .
FRANKFURT 1996-08-22
German bond futures ended higher on Thursday , helped by a weaker dollar and data showing inflation under control in western German states .
The September Bund future settled at 97.45 , up 0.22 on the day , after trading in a range of 97.10 to 97.52 .
" The market is just waiting for the Bundesbank council next week , " said a trader at a German bank .
Dealers said the Bundesbank was unlikely to move rates but some expected a cut in the securities repurchase rate ...
Cash bonds rose by around 20 pfennigs across the curve .
-- Frankfurt Newsroom , +49 69 756525
""",
    """\
RUSSIA SAYS CHECHEN TRUCE HOLDING DESPITE CLASHES .
Dmitry Orlov
MOSCOW 1996-08-23
Russia said on Friday a truce in Chechnya was broadly holding despite reports of sporadic clashes in the south of the region overnight .
" The ceasefire is being observed on the whole , " a spokesman for the Russian command in Grozny told Interfax news agency .
Separatist leaders said Russian troops had shelled two villages near Shali , killing three civilians .
Security Council secretary Alexander Lebed , who brokered the truce , was due to return to the region later on Friday .
The conflict , which began when Moscow sent troops in December 1994 , has killed tens of thousands of people .
-- Moscow Newsroom +7095 941 8520
""",
    """\
TENNIS - RESULTS AT U.S. OPEN .
NEW YORK 1996-08-28
Results of first round matches on Wednesday at the U.S. Open tennis championships at the National Tennis Centre ( prefix denotes seeding ) :
Men 's singles
1 - Pete Sampras ( U.S. ) beat Adrian Voinea ( Romania ) 6-3 6-4 6-2
Magnus Larsson ( Sweden ) beat Javier Frana ( Argentina ) 7-6 ( 7-4 ) 6-2 3-6 6-3
5 - Goran Ivanisevic ( Croatia ) beat Sjeng Schalken ( Netherlands ) 6-4 6-4 7-6 ( 8-6 )
Women 's singles
2 - Monica Seles ( U.S. ) beat Anne Miller ( U.S. ) 6-0 6-1
Sandrine Testud ( France ) beat Ruxandra Dragomir ( Romania ) 6-2 5-7 6-4
""",
    """\
CRICKET - SIMMONS LEADS LEICESTERSHIRE TO INNINGS WIN .
LONDON 1996-08-30
West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset by an innings and 39 runs in two days to go top of the county championship .
Scores :
At Leicester : Leicestershire 343 ( P. Simmons 108 , P. Nixon 67 ) beat Somerset 83 ( A. Mullally 4-20 ) and 221 ( P. Simmons 4-38 ) by an innings and 39 runs .
Leicestershire 22 points , Somerset 4 .
At Chester-le-Street : Durham 326 ( D. Cox 95 not out ) v Glamorgan 208-4 ( H. Morris 88 )
""",
    """\
PRESS DIGEST - BULGARIA - AUG 29 .
SOFIA 1996-08-29
These are the leading stories in the Sofia press on Thursday .
Reuters has not verified these stories and does not vouch for their accuracy .
DUMA
- The government will decide next week whether to raise bread prices .
- The central bank has sold 40 million dollars on the currency market this week .
TRUD
- Union leaders threaten a national strike if wages are not indexed .
24 CHASA
- Bulgaria 's foreign debt rose to 9.4 billion dollars at the end of June .
-- Sofia Newsroom , 359-2-84561
""",
    """\
Ozone-depleting gas imports to be cut - minister .
KUALA LUMPUR 1996-08-22
Malaysia will cut imports of ozone-depleting chlorofluorocarbons by half next year , Science Minister Law Hieng Ding said on Thursday .
He told reporters the move was part of the country 's commitment to the Montreal Protocol .
Malaysia imported about 7,000 tonnes of the gases last year , mostly for air conditioners and refrigerators .
-- Kuala Lumpur newsroom +603 230 8911
""",
    """\
GOLF - LEADING SCORES AT GERMAN OPEN .
STUTTGART 1996-08-30
Leading scores after the second round of the German Open on Friday ( Britain unless stated ) :
134 Ian Woosnam , Vijay Singh ( Fiji )
136 Colin Montgomerie , Robert Karlsson ( Sweden ) , Miguel Angel Jimenez ( Spain )
137 Darren Clarke , Retief Goosen ( South Africa )
138 Bernhard Langer ( Germany ) , Paul Broadhurst
""",
    """\
Indonesia 's Suharto meets army chiefs over Jakarta riots .
JAKARTA 1996-08-05
President Suharto met army leaders on Monday to discuss last month 's riots in Jakarta , the worst in the capital for years , officials said .
Army chief of staff General Hartono told reporters after the meeting that the military would act firmly against anyone who disturbed order .
The riots erupted on July 27 after police and supporters of a rival faction took over the headquarters of the Indonesian Democratic Party ( PDI ) .
At least four people were killed and 23 are still missing , according to the National Commission on Human Rights ...
Opposition figure Megawati Sukarnoputri , ousted as PDI leader in June , has filed a lawsuit against the government .
-- Jakarta newsroom +6221 384-6364
""",
    """\
BASEBALL - MAJOR LEAGUE STANDINGS AFTER THURSDAY 'S GAMES .
NEW YORK 1996-08-23
Major League Baseball standings after games played on Thursday ( tabulate under won , lost , winning percentage and games behind ) :
AMERICAN LEAGUE
EASTERN DIVISION
W L PCT GB
NEW YORK 71 55 .563 -
BALTIMORE 66 60 .524 5
BOSTON 63 65 .492 9
TORONTO 60 68 .469 12
DETROIT 46 81 .362 25 1/2
THURSDAY 'S RESULTS
SEATTLE 10 Boston 9
Cleveland 9 MILWAUKEE 6
""",
    """\
Swiss franc firmer after Swiss National Bank comments .
ZURICH 1996-08-26
The Swiss franc firmed against the mark on Monday after the Swiss National Bank said it saw no need to ease monetary policy further .
The dollar was quoted at 1.2010 / 20 francs at 1400 GMT , against 1.2080 / 90 on Friday .
" The market had priced in another cut , so this came as a surprise , " said a dealer at a Zurich bank .
( $ 1 = 1.201 Swiss Francs )
-- Zurich newsroom +41 1 631 7340
""",
    """\
Fifteen killed in Pakistan bus crash .
ISLAMABAD 1996-12-06
Fifteen people were killed and 30 injured when a bus plunged into a ravine in northern Pakistan on Friday , police said .
The bus was travelling from Gilgit to Rawalpindi on the Karakoram Highway .
Police said the driver lost control on a sharp bend .
""",
    """\
ATHLETICS - JOHNSON AND DEVERS WIN IN ZURICH .
ZURICH 1996-08-14
Michael Johnson and Gail Devers won their events at the Weltklasse meeting on Wednesday , two weeks after their Olympic triumphs in Atlanta .
Leading results :
Men 's 200 metres
1. Michael Johnson ( U.S. ) 19.93 seconds
2. Frankie Fredericks ( Namibia ) 20.02
3. Ato Boldon ( Trinidad ) 20.21
Women 's 100 metres hurdles
1. Gail Devers ( U.S. ) 12.61
2. Ludmila Engquist ( Sweden ) 12.67
""",
    """\
Palestinians accuse Israel of closing Hebron mosque .
JERUSALEM 1996-08-29
Palestinian officials accused Israel on Thursday of closing the Ibrahimi mosque in Hebron to Moslem worshippers for the second day running .
" This is a provocation , " said Hebron mayor Mustafa Natshe . " The mosque is a holy place for all Moslems and they have no right to close it . "
An Israeli army spokeswoman said the mosque was closed because of a Jewish holiday and would reopen on Friday .
Israel and the PLO agreed in 1995 that Israeli troops would pull out of most of Hebron , but the handover has been delayed ...
""",
    """\
SOCCER - ENGLISH LEAGUE CUP THIRD ROUND RESULTS .
LONDON 1996-10-23
Results of English League Cup third round matches on Wednesday :
Arsenal 2 Stoke 2
Bolton 3 Chelsea 1
Coventry 1 Birmingham 0
Middlesbrough 2 Hereford 0
Newcastle 1 Oldham 0
Played on Tuesday :
Leeds 2 Aston Villa 1
""",
    """\
Thai stocks end lower on profit-taking .
BANGKOK 1996-08-22
Thai share prices closed lower on Thursday as investors took profits after three days of gains , brokers said .
The SET index fell 6.11 points , or 0.49 percent , to 1,245.32 .
Turnover was 5.2 billion baht .
Losers led gainers by 198 to 89 , with 72 issues unchanged .
" People are just taking some money off the table , " said a broker at a foreign securities house .
Active issues :
Bangkok Bank 10.2 million shares , closed at 226 baht , down two
Thai Farmers Bank 8.1 million shares , 218 baht , down four
-- Bangkok newsroom ( 662 ) 652-0642
""",
    """\
MOTOR RACING - HILL ON POLE IN BELGIUM .
SPA-FRANCORCHAMPS , Belgium 1996-08-24
Briton Damon Hill took pole position for Sunday 's Belgian Grand Prix , his eighth of the season .
Leading positions after final qualifying on Saturday :
1. Damon Hill ( Britain ) Williams 1:50.574
2. Jacques Villeneuve ( Canada ) Williams 1:50.980
3. Michael Schumacher ( Germany ) Ferrari 1:51.778
4. Mika Hakkinen ( Finland ) McLaren 1:51.964
""",
    """\
Clinton signs welfare reform bill .
Anne Kessler
WASHINGTON 1996-08-22
President Bill Clinton signed a landmark welfare reform bill into law on Thursday , ending six decades of guaranteed federal aid to the poor .
" Today we are ending welfare as we know it , " Clinton said at a White House ceremony .
The law gives states block grants to run their own programmes and limits lifetime benefits to five years .
Critics said it would push a million children into poverty .
""",
    """\
UK house prices rise 1.2 pct in August - Halifax .
LONDON 1996-09-02
British house prices rose 1.2 percent in August , the Halifax building society said on Monday .
Prices were 5.4 percent higher than a year earlier .
KEY FIGURES
Monthly change 1.2 pct ( July 0.8 pct )
Annual change 5.4 pct ( July 4.9 pct )
Average price 62,450 stg
-- London Newsroom +44 171 542 7768
""",
    """\
RUGBY UNION - WALLABIES NAME SIDE FOR ITALY TEST .
SYDNEY 1996-10-18
Australia named their side on Friday for the first test of their European tour against Italy in Padova on October 23 .
Team :
15 - Matthew Burke , 14 - Joe Roff , 13 - Daniel Herbert , 12 - Tim Horan , 11 - David Campese , 10 - David Knox , 9 - George Gregan
Replacements : Richard Tombs , Sam Payne , Michael Foley
""",
    """\
China says U.S. must stop arming Taiwan .
BEIJING 1996-08-22
China on Thursday urged the United States to stop selling weapons to Taiwan , saying the sales interfered in China 's internal affairs .
" We demand that the U.S. side stop selling arms to Taiwan , " foreign ministry spokesman Shen Guofang told a weekly news briefing .
Beijing regards Taiwan as a rebel province .
""",
    """\
Lebed says no agreement yet on Chechen status .
Viktor Sokolov
NOVYE ATAGI , Russia 1996-08-30
Russian security chief Alexander Lebed said on Friday he and rebel leaders had not yet agreed on the future political status of Chechnya .
Lebed spent more than eight hours in talks with rebel chief of staff Aslan Maskhadov .
" We have worked out the main principles , " Lebed said . " The question of status will be decided later . "
""",
    """\
SOCCER - SPANISH FIRST DIVISION SUMMARIES .
MADRID 1996-09-01
Summaries of Spanish first division matches played on Sunday :
Real Madrid 2 ( Suker 23 , Mijatovic 67 ) Real Sociedad 1 ( Kodro 55 ) . Halftime 1-0 . Attendance 75,000 .
Barcelona 3 ( Ronaldo 12 , 40 , Pizzi 88 ) Valencia 0 . Halftime 2-0 . Attendance 90,000 .
Deportivo Coruna 0 Atletico Madrid 0 . Attendance 30,000 .
""",
    """\
Dutch trade surplus narrows in June .
THE HAGUE 1996-08-27
The Netherlands ' trade surplus narrowed to 2.1 billion guilders in June from 2.8 billion in May , the Central Bureau of Statistics said on Tuesday .
Exports rose 3.2 percent from a year earlier while imports rose 6.7 percent .
-- Amsterdam newsroom +31 20 504 5000
""",
    """\
HORSE RACING - RESULTS FROM LONGCHAMP .
PARIS 1996-10-06
Results of races run at Longchamp on Sunday :
1. Helissio ( Cash Asmussen ) 18-10 favourite
2. Pilsudski ( Walter Swinburn ) 5-1
3. Oscar Schindler ( Stephen Craine ) 12-1
Distances : five lengths , two lengths . Runners : 16 .
Winner owned by Enrique Sarasola and trained by Elie Lellouche .
""",
    """\
Belgian police arrest three in child abuse probe .
BRUSSELS 1996-08-24
Belgian police arrested three more people on Saturday in connection with a child sex ring , bringing to 12 the number held , judicial sources said .
The arrests came after police found the bodies of two eight-year-old girls in the garden of a house in Sars-la-Buissiere ...
Prosecutor Michel Bourlet told a news conference that investigators were still searching two other properties .
" We are not at the end of our discoveries , " he said .
-- Brussels Newsroom 32 2 287 6800
""",
    """\
SOCCER - GERMAN FIRST DIVISION RESULTS / STANDINGS .
BONN 1996-08-24
Results of German first division matches on Saturday :
Bayern Munich 2 ( Klinsmann 33 , Scholl 71 ) Hamburg 0 . Attendance : 63,000
Borussia Dortmund 1 ( Riedle 52 ) Werder Bremen 1 ( Bode 80 ) . Attendance : 48,800
Schalke 0 Karlsruhe 2 ( Haessler 12 pen , Dundee 60 ) . Attendance : 34,500
Standings :
Bayern Munich 3 3 0 0 7 1 9
Karlsruhe 3 2 1 0 6 2 7
Borussia Dortmund 3 1 2 0 5 3 5
""",
    """\
Crude oil futures slip on profit-taking .
Lisa Warner
NEW YORK 1996-08-27
Crude oil futures slipped on Tuesday as traders took profits after a three-day rally that had pushed prices to their highest in two months .
October crude settled down 18 cents at $ 21.96 a barrel on the New York Mercantile Exchange .
" The market got ahead of itself , " said one broker .
Heating oil and gasoline futures also fell .
PRICES AT THE CLOSE
Crude oil ( Oct ) $ 21.96 down 0.18
Heating oil ( Sep ) 62.40 cents down 0.35
Unleaded gasoline ( Sep ) 60.15 cents down 0.20
""",
    """\
Sri Lanka says 40 rebels killed in fighting .
COLOMBO 1996-08-28
Sri Lankan troops killed at least 40 Tamil Tiger rebels in clashes in the northeast of the island on Wednesday , the military said .
Two soldiers were killed and six wounded in the fighting near Kilinochchi , a military spokesman said .
There was no independent confirmation of the casualty figures .
""",
    """\
CYCLING - TOUR OF SPAIN STAGE RESULTS .
ALMERIA , Spain 1996-09-10
Leading results of the fourth stage of the Tour of Spain , a 210-km ride from Malaga to Almeria , on Tuesday :
1. Laurent Jalabert ( France ) ONCE 5 hours 12 minutes 3 seconds
2. Tony Rominger ( Switzerland ) Mapei same time
3. Alex Zuelle ( Switzerland ) ONCE same time
Overall standings :
1. Jalabert 15:40:21
2. Zuelle 0:12 behind
""",
    """\
PRESS DIGEST - Kenya - Aug 29 .
NAIROBI 1996-08-29
These are the leading stories in the Kenyan press on Thursday .
Reuters has not verified these stories and does not vouch for their accuracy .
DAILY NATION
- Kenya 's opposition parties agreed to field a single presidential candidate in next year 's elections .
- Teachers threatened to strike over pay from next month .
EAST AFRICAN STANDARD
- The government said it would privatise the national airline by the end of the year .
""",
    """\
Australia 's Howard names new ministry .
Peter Hanley
CANBERRA 1996-03-09
Prime Minister John Howard announced his new ministry on Saturday , naming Peter Costello as treasurer and Alexander Downer as foreign minister .
The full ministry :
Prime Minister - John Howard
Deputy Prime Minister , Trade - Tim Fischer
Treasurer - Peter Costello
Foreign Affairs - Alexander Downer
Defence - Ian McLachlan
""",
    """\
TENNIS - SELES BEATS HINGIS TO REACH FINAL .
TORONTO 1996-08-24
Monica Seles beat Martina Hingis 6-3 6-4 on Saturday to reach the final of the Canadian Open for the third year running .
" I played well when I had to , " Seles said .
Results :
Women 's singles , semi-finals :
Monica Seles ( U.S. ) beat Martina Hingis ( Switzerland ) 6-3 6-4
Arantxa Sanchez Vicario ( Spain ) beat Anke Huber ( Germany ) 7-5 6-2
""",
    """\
Zambia 's Chiluba dissolves parliament .
LUSAKA 1996-09-27
Zambian President Frederick Chiluba dissolved parliament on Friday , paving the way for general elections expected in November .
" I have today dissolved parliament , " Chiluba said in a national broadcast .
The main opposition party , the United National Independence Party , has said it will boycott the polls unless the constitution is changed ...
-- Johannesburg Newsroom +27 11 482 1003
""",
    """\
CRICKET - ENGLAND V PAKISTAN SCOREBOARD .
LONDON 1996-08-23
Scoreboard on the first day of the third test between England and Pakistan at The Oval on Thursday :
England first innings
M. Atherton c Inzamam b Wasim 31
A. Stewart b Waqar 44
N. Hussain c Moin b Mushtaq 12
G. Thorpe not out 54
Extras ( b-4 lb-6 nb-9 ) 19
Total ( for three wickets ) 278
Fall of wickets : 1-64 2-85 3-278
""",
    """\
Gold steady in quiet Hong Kong trade .
HONG KONG 1996-08-26
Gold was steady in quiet trade on Monday , with dealers citing a lack of fresh news .
Gold closed at $ 387.40 / 387.90 an ounce , unchanged from Friday .
Dealers said physical demand from the region was weak ahead of the Indian festival season .
""",
]
