using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.SampleContent;

// Original sample stories about a fictional city, written for this project. Ages are relative to the first run
// so that the front page and the news sitemap (last 48 hours) always have something fresh.
internal static class SampleArticles
{
    public sealed record SampleSection(string Name, string Description);
    public sealed record SampleAuthor(string Name, string Bio, string PhotoUrl)
    {
        public string? JobTitle { get; init; }
        public string? Expertise { get; init; }
        public string? ContactEmail { get; init; }
        public string? ProfileLinks { get; init; }
        public string? XHandle { get; init; }
    }
    public sealed record SampleArticle(
        string Title, string Standfirst, string Section, string[] Authors, string[] Tags, TimeSpan Age,
        string Image, string ImageAlt, string ImageCaption, string Body,
        bool Featured = false, bool NoAds = false, ArticleStatus Status = ArticleStatus.Published, TimeSpan? UpdatedAfter = null,
        WorkType WorkType = WorkType.News, string? Sponsor = null, string? Dateline = null, string? Backstory = null, string? UpdateReason = null);

    public static readonly IReadOnlyList<SampleSection> Sections =
    [
        new("City", "News from Harbourton's streets, councils and neighbourhoods."),
        new("Politics", "Council chambers, parliament and the people who run them."),
        new("Business", "Companies, jobs, prices and the local economy."),
        new("Science", "Research, health and the environment."),
        new("Culture", "Books, music, film, food and the arts."),
        new("Sport", "Results, reports and the stories behind them."),
    ];

    public static readonly IReadOnlyList<SampleAuthor> Authors =
    [
        // Sample people of a fictional paper: the addresses are on reserved example domains.
        new("Maya Okafor", "Maya Okafor is the city editor. She has covered Harbourton's council, courts and housing for eleven years.", "/images/sample/author-1.svg")
        {
            JobTitle = "City editor", Expertise = "City council, courts, housing", ContactEmail = "maya.okafor@herald.example",
            ProfileLinks = "https://social.example/@mayaokafor", XHandle = "mayaokafor_hh",
        },
        new("Tomás Lindqvist", "Tomás Lindqvist writes about business and the economy, with a weakness for shipping data and port statistics.", "/images/sample/author-2.svg")
        {
            JobTitle = "Business reporter", Expertise = "The port, shipping, jobs and prices", ContactEmail = "tomas.lindqvist@herald.example",
            ProfileLinks = "https://social.example/@tlindqvist\nhttps://portdata.example/about", XHandle = "tlindqvist",
        },
        new("Priya Raman", "Priya Raman is the science and environment correspondent. She trained as a marine biologist before turning to journalism.", "/images/sample/author-3.svg")
        {
            JobTitle = "Science and environment correspondent", Expertise = "Marine biology, climate, public health", ContactEmail = "priya.raman@herald.example",
            ProfileLinks = "https://social.example/@priyaraman",
        },
        new("Ellis Carter", "Ellis Carter covers sport and culture, and has not missed a home match at Quay Park since 2009.", "/images/sample/author-4.svg")
        {
            JobTitle = "Sport and culture writer", Expertise = "Harbourton FC, music, theatre", XHandle = "elliscarter",
        },
    ];

    public const string InlineAdHtml =
        """<a class="house-ad" href="/newsletter"><strong>Morning Briefing</strong> <span>The five stories Harbourton is talking about, in your inbox before 7am.</span></a>""";

    public const string SidebarAdHtml =
        """<a class="house-ad" href="/search?q=harbour"><strong>Harbourton Ferry Festival</strong> <span>Three days of boats, music and food on the waterfront. Free entry.</span></a>""";

    /// <summary>The story an editor has pinned as the front page's lead: the live coverage while it runs.</summary>
    public const string PinnedLead = StormStory;

    private static TimeSpan Hours(double h) => TimeSpan.FromHours(h);

    /// <summary>A correction on a sample story, made <paramref name="After"/> it was published: so a first run shows how corrections look.</summary>
    public sealed record SampleCorrection(string ArticleTitle, CorrectionKind Kind, string Text, bool ShowAtTop, TimeSpan After);

    public static readonly IReadOnlyList<SampleCorrection> Corrections =
    [
        new("Council agrees budget after late-night compromise on library hours", CorrectionKind.Correction,
            "An earlier version of this story said council tax would rise by 3.9%. The rise agreed is 2.9%.", ShowAtTop: true, Hours(2)),
        new("Council agrees budget after late-night compromise on library hours", CorrectionKind.Update,
            "This story was updated with the opposition leader's comments on weekday opening hours.", ShowAtTop: false, Hours(3)),
    ];

    /// <summary>An entry of a live story: who posted it and how long after the story went out; pinned, or edited later.</summary>
    public sealed record SampleLiveEntry(string ArticleTitle, string? Title, string Body, string Author, TimeSpan After, bool Pinned = false, TimeSpan? EditedAfter = null);

    private const string StormStory = "Live: Storm Edda batters the waterfront as the tide peaks";

    public static readonly IReadOnlyList<SampleLiveEntry> LiveEntries =
    [
        new(StormStory, "What to do tonight",
            "Stay away from Marine Parade and the harbour wall. The council's emergency line is **0800 555 0100**; report fallen trees and blocked drains there. Rest centres are open at the Quay Park sports hall and St Anne's church.",
            "Maya Okafor", TimeSpan.FromMinutes(10), Pinned: true),
        new(StormStory, "Ferries cancelled",
            "All island ferries are cancelled until Monday morning. The operator says ticket holders can travel on any sailing this week.",
            "Maya Okafor", TimeSpan.FromMinutes(25)),
        new(StormStory, null,
            "Sensors from the Old Town flood trial show the water in the Church Street drains rising fast: about 30 cm in the last twenty minutes.",
            "Priya Raman", TimeSpan.FromMinutes(55)),
        new(StormStory, "Harbour wall overtopped",
            "Waves are now breaking over the wall at the lifeboat station. Police have closed Marine Parade between the ferry terminal and the Old Town.",
            "Maya Okafor", TimeSpan.FromMinutes(90), EditedAfter: TimeSpan.FromMinutes(100)),
        new(StormStory, "Power cuts in the north of the city",
            "About 1,200 homes in Northgate and Fellside are without power after a line came down. Engineers expect to restore most supplies by midnight.",
            "Priya Raman", TimeSpan.FromMinutes(130)),
        new(StormStory, "Tide has peaked",
            "High tide passed at 7.42pm. The Environment Agency says water levels should fall through the night, but gusts above 70 mph are still likely until the early hours.",
            "Maya Okafor", TimeSpan.FromMinutes(165)),
    ];

    public static readonly IReadOnlyList<SampleArticle> All =
    [
        new("Harbour tunnel to close for six weeks as engineers replace ageing seals",
            "Commuters face long detours from March while the 1970s crossing gets its first major overhaul, the council has confirmed.",
            "City", ["Maya Okafor"], ["Transport", "Harbour", "Council"], Hours(3),
            "harbour", "A road tunnel entrance beside the harbour wall at dusk, with traffic lights glowing red",
            "The northbound entrance of the harbour tunnel, which carries around 40,000 vehicles a day.",
            """
            The harbour tunnel will close completely for six weeks from the first Monday in March while engineers replace the rubber seals between its concrete sections, Harbourton council confirmed on Tuesday.

            The seals, installed when the tunnel opened in 1974, have been leaking for several winters. Inspectors found water pooling at three joints during the last survey, and the council says the repair can no longer wait.

            "We looked at doing this at night, a lane at a time," said Councillor Ruth Adebayo, who chairs the transport committee. "It would have taken two years and cost nearly twice as much. Six weeks of disruption is painful, but it is the honest option."

            ## What changes for commuters

            Buses on routes 4 and 12 will divert over the Swing Bridge, adding around 15 minutes at peak times. The ferry from North Quay will run every ten minutes instead of every twenty, and the council is asking employers along the waterfront to allow staggered start times.

            - Cyclists and pedestrians can use the temporary walkway on the Swing Bridge.
            - Heavy goods vehicles will be sent via the ring road.
            - Emergency services keep a cleared lane through the works.

            Business groups on the south side welcomed the short closure but asked for a clear timetable. "What kills a shop is not knowing," said Dev Patel, who runs a hardware store on Quay Street. "Tell us the dates and stick to them."

            The council will publish a detailed diversion map next week and hold a drop-in session at the central library.
            """,
            Featured: true, Dateline: "HARBOURTON"),

        new("Council agrees budget after late-night compromise on library hours",
            "Opposition councillors won back Sunday opening at four branch libraries in exchange for backing a smaller rise in parking charges.",
            "Politics", ["Maya Okafor"], ["Council", "Libraries", "Budget"], Hours(9),
            "chamber", "Rows of wooden benches in a council chamber under a domed ceiling",
            "The council chamber, where Tuesday's budget meeting ran until almost midnight.",
            """
            Harbourton's budget for next year was agreed shortly before midnight on Tuesday, after a compromise that keeps four branch libraries open on Sundays.

            The ruling group had proposed closing the branches at weekends to save £310,000. Opposition councillors said the cuts fell hardest on families without internet at home and on older residents who use the libraries as warm spaces.

            After a two-hour adjournment, the two sides agreed that Sunday opening would stay, paid for by a smaller rise in city-centre parking charges than first planned and by sharing a building manager between the libraries and the community centres.

            > "Nobody got everything they wanted tonight, which is usually a sign of a decent deal," said the council leader, Graham Whitlow.

            Council tax will rise by 2.9%, below the maximum allowed without a local vote. The budget also sets aside money for resurfacing 14 roads and for two new youth workers in the east of the city.

            The opposition leader, Sana Qureshi, said she would keep pressing for longer weekday hours. "The libraries are not a luxury. They are where people apply for jobs, print their forms and keep warm."
            """,
            Featured: true),

        new("Port records busiest autumn in a decade as container traffic rebounds",
            "Harbourton handled more than 310,000 containers between September and November, helped by new routes to northern Europe.",
            "Business", ["Tomás Lindqvist"], ["Harbour", "Economy", "Shipping"], Hours(20),
            "containers", "Stacks of colourful shipping containers beside cranes on a quayside",
            "Container stacks at the deep-water terminal, which added two cranes last year.",
            """
            The port of Harbourton had its busiest autumn in ten years, handling 312,400 containers between September and November, according to figures published by the harbour authority on Wednesday.

            Traffic was up 14% on the same months last year. The authority credits two new weekly services to Rotterdam and Gdańsk, and the second pair of ship-to-shore cranes that came into use in the spring.

            "We have won back customers who left when the terminal was congested," said the port's chief executive, Helen Marsh. "Ships are turning round in under a day again."

            ## Jobs and lorries

            The port employs around 2,100 people directly, and the authority says it has recruited 160 since January, most of them crane and straddle-carrier drivers trained at the city college.

            The growth has a cost. Residents on Dock Road have complained about lorries queuing before dawn, and the council is consulting on a holding area near the ring road. The harbour authority says a booking system for hauliers, introduced in October, has already cut queues by a third.

            Economists caution against reading too much into one season. "Freight rates are falling and some of this is stock being brought forward before new tariffs," said Amara Nwosu of Harbourton University's business school. "Next spring will tell us more."
            """,
            Featured: true),

        new("Seagrass meadows return to the estuary after twenty years",
            "Divers have mapped nine hectares of new growth, a sign that water quality in the estuary is recovering, scientists say.",
            "Science", ["Priya Raman"], ["Environment", "Harbour", "Research"], Hours(30),
            "seagrass", "Green ribbons of seagrass swaying in clear shallow water",
            "Seagrass in the shallows off Pilot Point, photographed during the survey.",
            """
            Seagrass is growing again in the Harbourton estuary for the first time in two decades, according to a survey by marine scientists at Harbourton University.

            Divers and a small underwater drone mapped nine hectares of meadow in the shallows off Pilot Point and Gull Bank this summer. The last survey to find seagrass there was in 2004.

            "It is patchy and young, but it is unmistakably back," said Dr Lena Fischer, who led the survey. "Seagrass is fussy. It needs clear water and not too many nutrients, so its return tells us the estuary is healing."

            Seagrass meadows shelter young fish, hold sediment in place and store carbon in the seabed. The researchers believe the recovery follows upgrades to the city's two sewage works, which cut the nitrogen reaching the estuary by about 40% over the last decade.

            The team now wants to plant seeds collected from the new meadows in other parts of the estuary, and is asking boat owners to avoid anchoring over the marked areas.

            ## How to help

            1. Use the visitor moorings at Pilot Point instead of dropping anchor.
            2. Report sightings of seagrass to the university's online map.
            3. Keep to the marked channel when the tide is low.
            """,
            Featured: true),

        new("Old tram depot to reopen as a food hall with forty stalls",
            "The Victorian building on Mill Lane, empty since 1998, will host independent traders, a bakery school and a rooftop garden.",
            "Culture", ["Ellis Carter"], ["Food", "Heritage"], Hours(40),
            "depot", "A brick building with tall arched windows and a clock above the doorway",
            "The tram depot on Mill Lane, which opened in 1896.",
            """
            The old tram depot on Mill Lane, one of Harbourton's best-loved empty buildings, is to reopen next summer as a food hall with forty stalls.

            A community interest company bought the depot from the council for a nominal sum in 2023 on condition that it restored the building. Work on the roof and the great arched windows is nearly finished.

            "Everyone in this city has a story about the depot," said Nadia Bell, one of the founders. "Their grandad drove a tram from here, or they broke in as a teenager. We want it full of people again."

            Stall rents will be capped for traders who have never had premises of their own, and the upper floor will house a bakery school run with the city college. A rooftop garden will grow herbs for the kitchens.

            The original tram rails in the floor will stay visible under glass panels, and a restored 1902 tram car is being returned from a museum in the Midlands to stand at the entrance.
            """),

        new("Harbourton United come from two goals down to beat Riverside",
            "Two goals in the last eleven minutes from substitute Kofi Mensah completed a comeback that sends United third in the table.",
            "Sport", ["Ellis Carter"], ["Football", "Harbourton United"], Hours(46),
            "stadium", "Floodlights over a football pitch at night with a crowd in the stands",
            "Quay Park under the floodlights on Saturday evening.",
            """
            Harbourton United came from two goals down to beat Riverside 3-2 at Quay Park on Saturday, with substitute Kofi Mensah scoring twice in the last eleven minutes.

            Riverside had been the better side for an hour. Their captain, Joe Ferris, headed in a corner after eight minutes and Lucas Brandt added a second just before half-time when United's defence stood still appealing for offside.

            United's manager, Carla Dunne, made three changes at the break. Her side pressed higher, and Ollie Marsh pulled one back with a low shot from the edge of the area on 62 minutes.

            Mensah, 19, came on with twenty minutes left. He equalised with a header from Marsh's cross and then, in stoppage time, ran on to a long ball, held off two defenders and finished across the goalkeeper.

            "He has been patient," said Dunne. "He trains like that every day. Tonight the whole city saw it."

            The win lifts United to third, two points behind the leaders with a game in hand.
            """),

        new("City sets out plan for 2,000 homes on former gasworks site",
            "The draft plan for the East Wharf includes a school, a park along the river and a promise that a third of the homes will be affordable.",
            "City", ["Maya Okafor", "Tomás Lindqvist"], ["Housing", "Council", "Planning"], Hours(70),
            "skyline", "A low city skyline with cranes against an orange evening sky",
            "The East Wharf site, seen from across the river.",
            """
            Harbourton council has published a draft plan for up to 2,000 homes on the former gasworks at East Wharf, the largest building project in the city for a generation.

            The plan sets out a primary school, a health centre and a park running for a kilometre along the river. A third of the homes would be affordable, half of those for social rent.

            "We have a waiting list of 6,800 households," said Councillor Ruth Adebayo. "This site is the best chance we have to make a dent in it."

            The land needs years of cleaning first. Coal tar from the gasworks, which closed in 1971, has soaked deep into the ground, and the council expects decontamination to take until at least 2028.

            Neighbours in Stonebridge have welcomed the park but worry about traffic on the single road into the site. The plan proposes a new bridge for buses, bikes and pedestrians, but it has no funding yet.

            A public consultation runs for eight weeks, with exhibitions at the East Wharf community centre on Thursday evenings.
            """),

        new("Small firms say energy bills remain their biggest worry",
            "A survey of 400 Harbourton businesses found two in five plan to raise prices next year, mostly because of energy costs.",
            "Business", ["Tomás Lindqvist"], ["Economy", "Energy", "Small business"], TimeSpan.FromDays(4),
            "chart", "A line chart drawn in chalk showing rising and falling costs",
            "Energy costs were named as the main pressure by 58% of the firms surveyed.",
            """
            Energy bills are still the biggest worry for small businesses in Harbourton, according to a survey of 400 firms by the city's chamber of commerce.

            Fifty-eight per cent named energy as their main cost pressure, ahead of wages (24%) and rent (11%). Two in five said they expected to raise prices next year.

            Bakeries, laundries and small manufacturers were hit hardest. "Our ovens run from four in the morning," said Rosa Mendes, who owns two bakeries in the Old Town. "We have put solar panels on one roof, and it helps, but not enough."

            The chamber wants the council to speed up planning decisions for rooftop solar on commercial buildings and to extend its business energy advice service, which has a waiting list of three months.

            Despite the worries, most firms were cautiously optimistic: 61% expected their turnover to grow next year, and a third planned to hire.
            """),

        new("Night-time noise study finds ferry engines louder than expected",
            "Microphones on the waterfront recorded engine noise above guideline levels on most nights, prompting calls for quieter ships.",
            "Science", ["Priya Raman"], ["Environment", "Harbour", "Health"], TimeSpan.FromDays(5),
            "waves", "Dark water with reflected lights from a ferry moored at night",
            "The overnight ferry at Berth 3, where most of the noise was measured.",
            """
            Ferries waiting at Harbourton's passenger terminal are louder at night than planners assumed, a year-long study by the university's acoustics group has found.

            Microphones on four buildings along Marine Parade recorded low-frequency engine noise above World Health Organization night-time guidelines on 220 of the 365 nights measured.

            The noise comes mostly from ships running their generators while moored. "Low-frequency sound travels through walls and windows very well," said Professor Anil Mehta, who led the study. "People describe it as a hum they feel in their chest."

            The harbour authority says it plans to install shore power at Berth 3 by 2027, letting ships switch off their engines and plug into the grid. The researchers say that would cut night-time noise by about three-quarters.

            Residents' groups want a firm date. "We have heard 'plans' before," said Janet Obi of the Marine Parade Residents' Association.
            """,
            Backstory: "We read the acoustics group's full report and its raw measurements before publication, and asked an independent acoustician to check the method. The harbour authority answered our questions in writing; the ferry operator did not respond by our deadline."),

        new("The tunnel closure is a chance to fix how Harbourton crosses the water",
            "Six weeks without the tunnel will hurt. They could also show the city what a proper ferry service looks like.",
            "City", ["Maya Okafor"], ["Transport", "Harbour"], TimeSpan.FromDays(2),
            "harbour", "A road tunnel entrance beside the harbour wall at dusk, with traffic lights glowing red",
            "The harbour tunnel carries around 40,000 vehicles a day.",
            """
            Nobody will enjoy March. But for six weeks Harbourton will run an experiment it has never dared to try: a ferry every ten minutes, buses with priority over the Swing Bridge, and employers asked to stagger their hours.

            If it works, the council should not quietly go back to the old timetable when the tunnel reopens. A city built on a harbour has treated the water as an obstacle for fifty years. It is time to treat it as a road.
            """,
            WorkType: WorkType.Opinion),

        new("Why the port's record autumn may not last",
            "Container traffic is up, but most of the rise comes from one shipping line that is reviewing its routes.",
            "Business", ["Tomás Lindqvist"], ["Economy", "Shipping"], TimeSpan.FromDays(2.5),
            "containers", "Stacks of colourful shipping containers beside cranes on a quayside",
            "Two in three of the extra containers arrived on one line's ships.",
            """
            The port's figures look splendid: its busiest autumn in a decade. Look closer and two in three of the extra containers came from a single line, which moved its northern calls here when a rival port's cranes broke down.

            Those cranes are fixed. The line says it is "reviewing its network" in the spring, and a review is rarely good news for the port that gained by accident.
            """,
            WorkType: WorkType.Analysis),

        new("What the harbour tunnel's seals do, and why they fail",
            "The rubber joints between the tunnel's concrete sections keep the sea out. Here is how they work, and why fifty-year-old ones leak.",
            "Science", ["Priya Raman"], ["Harbour", "Transport"], TimeSpan.FromDays(3),
            "waves", "Dark water with reflected lights from a ferry moored at night",
            "The tunnel sits in a trench dredged in the harbour bed.",
            """
            The harbour tunnel is not bored through rock: it is a row of concrete boxes, each as long as a football pitch, floated into place and sunk into a trench in the harbour bed in 1974.

            Between each box is a thick rubber seal, squeezed tight by the weight of the water above. Over decades rubber hardens and shrinks, and a seal that no longer presses back lets the sea seep through. Replacing one means pumping the joint dry from inside, which is why the tunnel must close.
            """,
            WorkType: WorkType.Explainer),

        new("Five ways to keep your home warm this winter for less",
            "Draught-proofing, thermostats and the grants most Harbourton households can claim.",
            "Business", [], ["Energy"], TimeSpan.FromDays(3.5),
            "chart", "A line chart drawn in chalk showing rising and falling costs",
            "Most homes lose the most heat through draughts and the roof.",
            """
            Brush strips on doors, a thermostat set one degree lower and thick curtains drawn at dusk cost little and cut most households' bills by a tenth.

            Households in Harbourton can also claim a free home energy check. Ask the Harbour Energy Co-operative for one; its advisers visit within a fortnight.
            """,
            WorkType: WorkType.Sponsored, Sponsor: "Harbour Energy Co-operative"),

        new("Review: The Lighthouse Keepers is a quiet triumph",
            "The Harbour Theatre's new play about two sisters who kept the Gull Rock light is funny, tender and beautifully staged.",
            "Culture", ["Ellis Carter"], ["Theatre", "Review"], TimeSpan.FromDays(6),
            "lighthouse", "A lighthouse on a rocky island with a beam of light across a purple sky",
            "Gull Rock lighthouse inspired the play, which runs until January.",
            """
            For most of the 1950s, the light on Gull Rock was kept by two sisters, Ada and Mercy Trelawney. The Lighthouse Keepers, which opened at the Harbour Theatre this week, imagines their last winter on the rock.

            It is a small play, two actors and one room, and it is wonderful. Fiona Grant's Ada is all brisk practicality, counting tins of paraffin and complaining about the supply boat; Zainab Hollis gives Mercy a dreamy stubbornness that slowly reveals itself as courage.

            The set is a circular room that turns almost imperceptibly through the evening, so that the view through the single window changes from calm sea to storm. The lighting, when the great lamp is finally lit, drew a gasp from the audience.

            There are slow patches in the second half, and a subplot about a lost letter could go. But the ending, which I will not spoil, is as moving as anything I have seen on a Harbourton stage.

            *The Lighthouse Keepers runs at the Harbour Theatre until 18 January. Tickets from £12.*
            """,
            WorkType: WorkType.Review),

        new("Mayor faces questions over cost of waterfront festival",
            "Opposition councillors want a full breakdown after the festival's budget rose from £400,000 to £1.1 million.",
            "Politics", ["Maya Okafor"], ["Council", "Festival", "Budget"], TimeSpan.FromDays(7),
            "chamber", "Rows of wooden benches in a council chamber under a domed ceiling",
            "The question was raised at Thursday's full council meeting.",
            """
            The mayor of Harbourton has been asked to publish a full breakdown of spending on this summer's waterfront festival, after its cost rose from £400,000 to £1.1 million.

            The festival drew an estimated 180,000 visitors over three days and was widely praised. But opposition councillors say the overspend was never brought to a committee.

            "I enjoyed the festival as much as anyone," said Councillor Ben Hartley. "That is not the point. Public money was spent without anyone agreeing to it."

            The mayor's office said the extra costs came from security, after police advice changed two weeks before the event, and from repairs to the harbour wall that had to be done before the stages could be built. It said a report would go to the audit committee in January.
            """,
            UpdatedAfter: Hours(5), UpdateReason: "adds the mayor's office's explanation of the extra costs"),

        new("Swimmers brave the cold for the annual Midwinter Dip",
            "More than 600 people ran into the sea at North Beach, raising £42,000 for the lifeboat station.",
            "Sport", ["Ellis Carter"], ["Charity", "Swimming"], TimeSpan.FromDays(9),
            "beach", "People in swimming costumes running into grey waves on a winter beach",
            "The water temperature at North Beach was 8C.",
            """
            More than 600 people ran into the sea at North Beach on Sunday morning for the annual Midwinter Dip, raising £42,000 for the Harbourton lifeboat station.

            The water was 8C. Some swimmers wore fancy dress, including a team of six dressed as a lobster; most lasted under a minute.

            The oldest swimmer, 91-year-old Edna Price, has taken part every year since the dip began in 1987. "The secret is not to think about it," she said, wrapped in three towels. "And a flask of tea."

            The lifeboat crew, who were on hand in case anyone got into difficulty, said the money would go towards a new inshore boat.
            """),

        new("Researchers trial sensors to warn of flooding street by street",
            "Two hundred cheap water-level sensors in drains across the Old Town will give residents text alerts before streets flood.",
            "Science", ["Priya Raman", "Maya Okafor"], ["Environment", "Flooding", "Research"], TimeSpan.FromDays(11),
            "rain", "Rain falling on a cobbled street with puddles reflecting shop lights",
            "Church Street in the Old Town, which flooded three times last winter.",
            """
            Two hundred water-level sensors are being fitted in drains across Harbourton's Old Town, in a trial that aims to warn residents before their street floods.

            Each sensor costs about £40 and reports the water level every five minutes over a low-power radio network. When levels rise quickly, residents who have signed up get a text message.

            "The national warnings cover the whole city," said Dr Tom Asante of the university's civil engineering department. "We want to tell people on Church Street that Church Street is about to flood, thirty minutes before it does."

            The trial runs for two winters. If it works, the council hopes to extend it to other low-lying areas.
            """,
            NoAds: true),

        new("Live: Storm Edda batters the waterfront as the tide peaks",
            "Gusts of 80 mph, the harbour wall overtopped and the ferries cancelled. Updates from our reporters through the night.",
            "City", ["Maya Okafor", "Priya Raman"], ["Weather", "Flooding", "Transport"], TimeSpan.FromHours(3),
            "waves", "Waves breaking over a harbour wall at night under street lights",
            "The harbour wall at Marine Parade, where waves have been breaking since the afternoon.",
            """
            Storm Edda reached Harbourton on Sunday afternoon, with the strongest winds expected around the evening high tide. The Met Office has an amber warning for wind in place until 6am.

            This page is updated as our reporters send news. The latest entries are at the top; the most important advice is pinned.
            """,
            WorkType: WorkType.Live, Dateline: "HARBOURTON"),

        new("Draft: Plans for a second ferry route to the islands",
            "Not yet published: an example of a draft in the newsroom.",
            "City", ["Tomás Lindqvist"], ["Transport"], TimeSpan.Zero,
            "waves", "Dark water with reflected lights from a ferry",
            "An example draft.",
            """
            This draft is here so that the newsroom has something to work on. Readers never see it.
            """,
            Status: ArticleStatus.Draft),
    ];
}
