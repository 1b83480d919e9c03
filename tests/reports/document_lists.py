"""What each source document lists for its year, per report section: the record as the report
names it, the document's line, and the words on that line (tests/reports/test_report_documents.py
holds every annual report computed from the seed content against these lists, both ways).

Documents (../shared/seeds/, see portal/seed_content/SCHEMA.md): 000 ICLEI East Asia Annual
Report 2022, 001 ICLEI East Asia Annual Report 2020, 002 NEASPEC note "Low Carbon Cities"
(6 Oct 2023; report year 2023), 003 CityNet Annual Report 2022.

Items, as the report names them (slugs as stored: cut at 75 characters):
- new_members: organisation slug; seats: (body, role, person's name or organisation slug);
  clusters: (cluster, "lead" / "co-lead", organisation slug); chapters: ISO country code;
  team: person's name; partners: (role, organisation slug); projects, publications, events
  (activities: the year's; preview: next year's as the document previews them): slug;
  pairings: (programme as the report prints it, first organisation slug, second).
- A record both ICLEI reports list appears in both documents' lists, each with its own line.

NOT_FOR_THE_YEAR: what a document names but not as its year's (a plan for the next year, work
of earlier years): its report must not list it in that section.
UNDATED_EVENTS: events a document lists without a date; its report should still show them.
"""

from typing import NamedTuple


class L(NamedTuple):
    """One item a document lists: the record, the line, the line's words (or part of them)."""

    item: object
    line: int
    quote: str


DOCUMENTS = {
    "000": ("iclei-east-asia", 2022, "000_800bfa15565b1cec.txt"),
    "001": ("iclei-east-asia", 2020, "001_9a6a136c5758927e.txt"),
    "002": ("neaspec", 2023, "002_2e89dc3ffa5a9aa5.txt"),
    "003": ("citynet", 2022, "003_cce3dc6effbeefe6.txt"),
}

LISTED = {
    "000": {
        "new_members": [
            L(
                "kunming",
                84,
                "Kunming",
            ),
        ],
        "seats": [
            L(
                ("Global Executive Committee (GexCom)", "President", "Frank Cownie"),
                96,
                "Frank Cownie | President | Mayor of Des Moines, USA",
            ),
            L(
                (
                    "Global Executive Committee (GexCom)",
                    "First Vice President",
                    "Katrin Stjernfeldt Jammeh",
                ),
                98,
                "Katrin Stjernfeldt Jammeh | First Vice President | Mayor of Malmö, Sweden",
            ),
            L(
                ("Global Executive Committee (GexCom)", "Vice President", "Atishi Marlena"),
                100,
                "Atishi Marlena | Vice President | Member of Legislative Assembly, National Capital Territo",
            ),
            L(
                ("Global Executive Committee (GexCom)", "Vice President", "Minna Arve"),
                102,
                "Minna Arve | Vice President | Mayor of Turku, Finland",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Chair", "Daisaku Kadokawa"),
                106,
                "Daisaku Kadokawa | Chair | Mayor of Kyoto",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Vice Chair", "Eui-Seung Kim"),
                108,
                "Eui-Seung Kim | Vice Chair | Vice Mayor of Seoul Metropolitan Government",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Portfolio", "Cheng-Ta Hsieh"),
                114,
                "Cheng-Ta Hsieh | Portfolio | Deputy Mayor of New Taipei",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Portfolio", "Weishu Li"),
                112,
                "Weishu Li | Portfolio | Vice Mayor of Changchun",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Portfolio", "Dong-yeon Kim"),
                110,
                "Dong-yeon Kim | Portfolio | Governor of Gyeonggi Province",
            ),
            L(
                (
                    "East Asia Regional Executive Committee (RexCom)",
                    "Advisory Member",
                    "Kazuhiko Takemoto",
                ),
                116,
                "Dr. Kazuhiko Takemoto | Advisory Member | Chair of ICLEI Japan",
            ),
            L(
                (
                    "East Asia Regional Executive Committee (RexCom)",
                    "Advisory Member",
                    "Alex Zhang",
                ),
                118,
                "Alex Zhang | Advisory Member | Executive Director of Eco-Forum Global",
            ),
        ],
        "team": [
            L("Shu Zhu", 994, "Shu Zhu, Regional Director & China Representative"),
            L("Konrad Otto-Zimmermann", 998, "Konrad Otto-Zimmermann Senior Advisor"),
            L("Eunkyung Oh", 1000, "Eunkyung Oh"),
            L("Hyemin Lee", 1004, "Hyemin Lee Financial Officer"),
            L("Ge Liu", 1006, "Ge Liu Stratergy Manager"),
            L("Xuan Xie", 1008, "Xuan Xie Program Officer"),
            L("Yeajee Kim", 1010, "Yeajee Kim Program Officer Hyeji Jung"),
            L("Hyeji Jung", 1010, "Yeajee Kim Program Officer Hyeji Jung"),
            L("Xiaoqian Zhou", 1013, "Xiaoqian Zhou"),
            L("Kyunglim (Kayla) Choi", 1017, "Kyunglim (Kayla) Choi Young Professional"),
            L("Siaqiao Yuan", 1019, "Siaqiao Yuan Program manager"),
            L("Merlin Lao", 1021, "Merlin Lao Advisor **Beijing Office**"),
            L("Monika Zimmermann", 1023, "Monika Zimmermann"),
            L("Linlin Wang", 1027, "Linlin WangOperation Officer & Assistant to"),
            L("Ying Wang", 1029, "Ying Wang Program Manager"),
            L("Guyu (Kelly) Dai", 1033, "Guyu (Kelly) Dai Program Officer"),
            L(
                "Huan Zheng",
                1035,
                "Huan Zheng Program Officer & the Greater Bay Area Coordinator Yi Jiang",
            ),
            L(
                "Yi Jiang",
                1035,
                "Huan Zheng Program Officer & the Greater Bay Area Coordinator Yi Jiang",
            ),
            L("Ji Xu", 1039, "Ji Xu"),
            L("Yuchen Ma", 1043, "Yuchen Ma Senior Program Officer"),
            L(
                "Youde Tang",
                1047,
                "Youde Tang Program Manager Beatrice Chng Program Manager Yuting Chang",
            ),
            L(
                "Beatrice Chng",
                1047,
                "Youde Tang Program Manager Beatrice Chng Program Manager Yuting Chang",
            ),
            L(
                "Yuting Chang",
                1047,
                "Youde Tang Program Manager Beatrice Chng Program Manager Yuting Chang",
            ),
            L("Lavinna Jin", 1051, "Lavinna Jin Program Officer Junseong Park Young Professional"),
            L(
                "Junseong Park",
                1051,
                "Lavinna Jin Program Officer Junseong Park Young Professional",
            ),
        ],
        "partners": [
            L(
                ("host", "seoul"),
                74,
                "Seoul Metropolitan Government",
            ),
            L(
                ("partner", "unescap-enea"),
                437,
                "UNESCAP East and North-East Asia Office",
            ),
            L(
                ("partner", "incheon"),
                437,
                "Incheon Metropolitan City",
            ),
            L(
                ("partner", "hanns-seidel-foundation-korea"),
                726,
                "Hanns Seidel Foundation Korea",
            ),
            L(
                ("partner", "esp-asia-regional-office"),
                726,
                "ESP (Ecosystem Services Partnership) Asia Regional Office",
            ),
            L(
                ("partner", "near"),
                726,
                "Association of Northeast Asia Regional Governments",
            ),
            L(
                ("partner", "sk-forest"),
                728,
                "SK Forest",
            ),
            L(
                ("partner", "unep-copenhagen-climate-center"),
                728,
                "UNEP Copenhagen Climate Center",
            ),
            L(
                ("partner", "hanns-seidel-foundation-mongolia"),
                728,
                "Hanns Seidel Foundation Mongolia",
            ),
            L(
                ("partner", "busan-foundation-for-international-cooperation"),
                730,
                "Busan Foundation for International Cooperation",
            ),
            L(
                ("partner", "pkf-hospitality-gmbh"),
                732,
                "PKF hospitality GmbH",
            ),
        ],
        "projects": [
            L(
                "second-seoul-beijing-bilateral-research",
                359,
                "The Second Seoul-Beijing Bilateral **Research Project**",
            ),
            L(
                "ghg-inventory-ulaanbaatar",
                367,
                "GHG Inventory and Regional Cooperation with the City of **Ulaanbaatar**",
            ),
            L(
                "mobility-transition-roadmap",
                379,
                "Mobility Transition Roadmap -Decarbonizing Transport to Achieve Carbon-Neutral and Sustain",
            ),
            L(
                "gba-buildings-construction-roadmap",
                389,
                "Regional Roadmap for Buildings and Construction in the Greater Bay Area of China",
            ),
            L(
                "iclei-shrdc-capacity-building",
                395,
                "ICLEI-SHRDC Capacity Building on Climate and Clean Air Actions",
            ),
            L("interact-bio", 483, "INTERACT-Bio Integrated Regional Action on Biodiversity"),
            L(
                "citieswithnature",
                283,
                "CitiesWithNature welcomed 36 new local governments and 5 new global partners.",
            ),
            L(
                "regionswithnature",
                287,
                "RegionsWithNature",
            ),
            L(
                "iclei-kunming-centre-of-excellence",
                275,
                "The City Summit also witnessed the formal establishment of the ICLEI-Kunming International",
            ),
            L(
                "biodiversity-charming-cities",
                310,
                "Biodiversity Charming Cities",
            ),
            L(
                "sino-eu-horizon-2020-cluster",
                497,
                "Sino-EU Collaboration: Horizon 2020 Cluster Projects",
            ),
            L(
                "regreen",
                504,
                "REGREEN",
            ),
            L(
                "mcr2030-china",
                545,
                "Making Cities Resilient 2030: Strengthening Local Disaster Resilience in China",
            ),
            L(
                "gef-7-urbanshift-china",
                615,
                "The UrbanShift China Project, also known as the Green and Carbon Neutral Cities Project, w",
            ),
            L("circular-lab-for-cities", 667, "Circular Lab for Cities"),
            L(
                "urbanbynature",
                502,
                "After concluding the UrbanByNature China webinar series in early 2022",
            ),
            L(
                "clever-cities",
                502,
                "collecting cases to develop the Clever Cities global catalogue",
            ),
            L("urban-rural-assembly", 588, "URA (Urban-Rural Assembly)"),
        ],
        "pairings": [
            L(
                ("The Second Seoul-Beijing Bilateral Research Project", "seoul", "beijing"),
                365,
                "The project demonstrated the climate leadership of Seoul and Beijing",
            ),
        ],
        "publications": [
            L(
                "iclei-east-asia-annual-report-2022",
                1075,
                "The material of this publication is copyrighted. Requests to reproduce the material, in pa",
            ),
            L(
                "summary-of-the-seoul-beijing-bilateral-research-report-2022",
                828,
                "Summary of the Seoul-Beijing Bilateral Research Report 2022: A Comparative Study of Climate Policies in Seoul and Beijing",
            ),
            L(
                "seoul-beijing-bilateral-research-report-2022",
                846,
                "Seoul-Beijing Bilateral Research Report 2022: A Comparative Study of Climate Policies in Seoul and Beijing",
            ),
            L(
                "building-energy-efficiency-and-thermal-retrofitting-ulaanbaatar-mongolia",
                822,
                "Building Energy Efficiency and Thermal Retrofitting, Ulaanbaatar, Mongolia",
            ),
            L("regreen-fact-sheets", 834, "REGREEN Fact Sheets"),
            L(
                "leveraging-science-technology-and-innovation-for-low-carbon-and-resilient-cities",
                840,
                "Leveraging Science, Technology and Innovation for Low Carbon and Resilient Cities",
            ),
            L(
                "iclei-east-asia-annual-report-2021",
                852,
                "2021 Annual Report 2022 / English, Chinese",
            ),
            L(
                "introducing-the-malmo-commitment-and-strategic-vision",
                858,
                "Introducing the Malmo Comitment and Strategic Vision",
            ),
            L(
                "city-biodiversity-index",
                298,
                "City Biodiversity Index (CBI)",
            ),
            L(
                "transdec",
                383,
                "TransDEC",
            ),
            L(
                "regional-roadmap-for-buildings-and-construction-in-the-greater-bay-area-of-china",
                389,
                "Regional Roadmap for Buildings and Construction in the Greater Bay Area of China",
            ),
            L(
                "transition-handbook",
                504,
                "Transition Handbook",
            ),
            L(
                "clever-cities-global-catalogue",
                502,
                "Clever Cities global catalogue",
            ),
            L("13-case-studies-of-european-cities", 511, "13 case studies of European cities"),
            L(
                "ura-periodical-issue-2-dialogues",
                592,
                "URA Periodical ISSUE 2: Dialogues",
            ),
            L(
                "territorial-and-spatial-planning-as-a-driver-for-multi-scalar-urban-rural",
                592,
                "The ICLEI East Asia Secretariat, in partnership with the Berlin Institute of Technology an",
            ),
        ],
        "activities": [
            L(
                "urbanbynature-china-webinar-6-replicating-nature-based-solutions-across-the-urban-fabric-2022",
                170,
                "UrbanByNature China Webinar #6 Replicating Nature-based Solutions across the Urban Fabric",
            ),
            L("dprk-online-seminar-2022", 172, "DPRK online seminar 4.27-4.29 | Online"),
            L(
                "clearing-house-regreen-urbanbynature-china-webinar-1-2-2022",
                174,
                "CLEARING HOUSE-REGREEN: UrbanbyNature China Webinar (½)",
            ),
            L(
                "regional-and-local-dialogue-for-knowledge-exchange-on-city-wide-ghg-inventories-2022",
                180,
                "Regional and Local Dialogue for Knowledge Exchange on City-wide GHG inventories",
            ),
            L(
                "online-course-on-city-wide-ghg-inventory-development-2022",
                375,
                "Funded by Konrad-Adenauer-Stiftung, the project supported the Municipality of Ulaanbaatar ",
            ),
            L(
                "capacity-building-for-local-governments-on-climate-and-clean-air-actions-for-chinese-cities-2022",
                182,
                "Capacity Building for Local Governments on Climate and Clean Air Actions for Chinese Cities",
            ),
            L(
                "making-cities-resilient-2030-multi-stakeholder-consultative-meeting-2022",
                549,
                "Making Cities Resilient 2030 Multi-Stakeholder Consultative Meeting",
            ),
            L(
                "regional-stakeholder-workshop-on-low-carbon-buildings-and-constructions-in-the-greater-bay-area-of-china-2022",
                188,
                "Regional Stakeholder Workshop on Low-Carbon Buildings and Constructions in the Greater Bay Area of China",
            ),
            L("circular-city-action-training-2022", 192, "Circular City Action Training"),
            L(
                "capacity-building-workshop-on-the-development-of-mobility-transition-roadmap-for-mongolian-cities-2022",
                196,
                "Capacity Building Workshop on the Development of Mobility Transition Roadmap for Mongolian Cities",
            ),
            L(
                "mobility-transition-roadmap-workshop-in-seoul-2022",
                385,
                "Based on the knowledge products, ICLEI East Asia organized a workshop in Seoul and a capac",
            ),
            L(
                "climate-adaptation-for-inclusive-and-resilient-cities-workshop-for-yunnan-cities-2022",
                570,
                "On November 22-23, the Climate Adaptation for Inclusive and Resilient Cities Workshop was ",
            ),
            L(
                "baofeng-wetland-study-tour-2022",
                572,
                "The workshop was organised in a hybrid manner, with both an on-site venue in Kunming and a",
            ),
            L("global-coastal-forum-2022", 210, "Global Coastal Forum"),
            L(
                "iclei-world-congress-2021-2022-the-malmo-summit",
                700,
                "The ICLEI World Congress 2021-2022 was a triennial gathering for all ICLEI members and par",
            ),
            L(
                "iclei-global-executive-committee-annual-meeting-2022",
                702,
                "On May 10, 2022, the ICLEI Global Executive Committee convened in person in Malmö for thei",
            ),
            L(
                "mongolia-climate-change-and-city-forum-2022",
                218,
                "Mongolia Climate Change and City Forum",
            ),
            L(
                "2022-beijing-international-forum-for-metropolitan-clean-air-and-climate-actions",
                453,
                "2022 Beijing International Forum for Metropolitan Clean Air and Climate Actions",
            ),
            L("daring-cities-2022", 226, "Daring Cities 2022"),
            L("world-cities-day-2022", 230, "World Cities Day"),
            L("unfccc-cop27", 234, "UNFCCC COP27"),
            L(
                "multilevel-action-pavilion-at-unfccc-cop27",
                409,
                "ICLEI - Local Governments for Sustainability serves as the focal point for the Local Gover",
            ),
            L(
                "multi-stakeholder-climate-actions-in-east-asia-2022",
                415,
                "Multi-Stakeholder Climate Actions in East Asia",
            ),
            L("ramsar-convention-on-wetlands-cop14", 238, "Ramsar Convention on Wetlands COP14"),
            L(
                "seoul-international-forum-on-climate-and-environment-2022",
                427,
                "Seoul International Forum on Climate and Environment",
            ),
            L(
                "cbd-cop15-part-ii-and-the-7th-global-biodiversity-summit-of-cities-and-subnational-governments",
                250,
                "CBD COP15 Part II and the 7th Global Biodiversity Summit of Cities & Subnational Governments",
            ),
            L(
                "7th-global-biodiversity-summit-of-cities-and-subnational-governments",
                261,
                "7th Summit for Subnational Governments & Cities",
            ),
            L(
                "high-level-roundtable-at-the-7th-global-biodiversity-summit-2022",
                265,
                "The Summit hosted a high-level roundtable, bringing together a group of government leaders",
            ),
            L(
                "global-local-governments-and-cities-corner-china-day-2022",
                294,
                "Global Local Governments and Cities Corner - China Day",
            ),
            L(
                "biodiversity-charming-cities-2022",
                310,
                "Biodiversity Charming Cities",
            ),
            L(
                "2022-eu-horizon-2020-cross-project-workshop-phase-1",
                515,
                "2022 EU Horizon 2020 Cross-Project Workshop (Phase 1)",
            ),
            L(
                "2nd-ura-science-policy-dialogue",
                599,
                "second URA Science-Policy Dialogue (SPD)",
            ),
            L(
                "gef-7-urbanshift-china-project-launching-ceremony-and-first-national-local-dialogue-2022",
                617,
                "To celebrate the project's effectiveness and enhance communication and coordination betwee",
            ),
            L("5th-northeast-asian-mayors-forum", 710, "5th Northeast Asian Mayors' Forum"),
            L(
                "2nd-international-forum-on-low-carbon-cities",
                242,
                "The 2nd International Forum on Low Carbon Cities",
            ),
        ],
        "preview": [
            L("interact-bio-project-2023", 864, "INTERACT Bio Project"),
            L(
                "zero-carbon-city-international-forum-2023",
                868,
                "Zero Carbon City International Forum 2023",
            ),
            L(
                "iclei-undrr-urban-resilience-building-series-1st-training-2023",
                872,
                "ICLEI-UNDRR Urban Resilience Building Series",
            ),
            L(
                "gcom-regional-workshop-for-the-east-asian-cities-2023",
                876,
                "GCoM Regional Workshop for the East Asian Cities",
            ),
            L(
                "6th-high-level-international-forum-on-sustainable-urban-development",
                880,
                "6th High-Level International Forum on Sustainable Urban Development",
            ),
            L(
                "unitar-cifal-jeju-iclei-capacity-building-workshop-pathway-to-decarbonized-and-cleaner-road-transport-in-asia-and-the-pacific-2023",
                884,
                "UNITAR CIFAL JEJU-ICLEI Capacity-Building Workshop – Pathway to Decarbonized and Cleaner Road Transport in Asia and the Pacific – Starting from the region's key priorities",
            ),
            L(
                "urban-rural-assembly-international-conference-2023",
                886,
                "Urban-Rural Assembly International Conference",
            ),
            L(
                "low-carbon-and-sustainable-building-workshop-for-the-greater-bay-area-of-china-2023",
                890,
                "Low-Carbon and Sustainable Building Workshop for the Greater Bay Area of China",
            ),
            L(
                "2nd-roundtable-of-wetland-city-mayors",
                894,
                "2nd Roundtable of Wetland City Mayors",
            ),
            L("daring-cities-2023", 898, "Daring Cities 2023"),
            L(
                "urban-rural-assembly-science-policy-dialogues-3",
                902,
                "Urban-Rural Assembly: Science-Policy Dialogues #3 6.21 | Online",
            ),
            L(
                "capacity-building-for-local-governments-on-urban-sustainability-for-chinese-cities-2023",
                904,
                "Capacity Building for Local Governments on Urban Sustainability for Chinese Cities",
            ),
            L(
                "eco-forum-global-annual-conference-guiyang-2023",
                908,
                "Eco Forum Global Annual Conference Guiyang 2023",
            ),
            L(
                "urban-rural-assembly-capacity-building-workshop-2023",
                916,
                "Urban-rural Assembly Capacity Building Workshop 8.31-9.01 | Taizhou, China",
            ),
            L(
                "2023-beijing-international-forum-for-metropolitan-clean-air-and-climate-actions",
                918,
                "2023 Beijing International Forum for Metropolitan Clean Air and Climate Actions",
            ),
            L(
                "nature-in-the-city-advancing-social-impact-through-nbs-2023",
                922,
                "Nature in the City — Advancing Social Impact through NbS",
            ),
            L("gef-7-urbanshift-asia-forum-2023", 926, "GEF-7 UrbanShift Asia Forum"),
            L("world-coastal-forum-2023", 934, "World Coastal Forum"),
            L(
                "clearing-house-regreen-urbanbynature-china-webinar-2-2-2023",
                938,
                "CLEARING HOUSE-REGREEN: UrbanByNature China Webinar (2/2)",
            ),
            L(
                "gcom-asia-national-workshop-for-chinese-cities-2023",
                942,
                "GCoM Asia National Workshop for Chinese Cities 10.17-10.18 | Beijing, China",
            ),
            L("euresfo-2023", 944, "EURESFO"),
            L(
                "24th-tripartite-environment-ministers-meeting-temm-local-governments-forum",
                952,
                "24th Tripartite Environment Ministers Meeting (TEMM) Local Governments Forum",
            ),
            L(
                "2023-seoul-international-climate-and-environmental-forum",
                956,
                "2023 Seoul International Climate and Environmental Forum",
            ),
            L("world-cities-day-china-event-2023", 960, "World Cities Day China Event"),
            L(
                "3rd-belt-and-road-forum-for-international-cooperation",
                964,
                "3rd Belt and Road Forum for International CooperationOctober | Beijing, China",
            ),
            L(
                "urban-biodiversity-international-forum-2023",
                966,
                "Urban Biodiversity International Forum",
            ),
            L(
                "resilient-city-china-forum-and-capacity-building-series-2023",
                970,
                "Resilient City China Forum and Capacity Building Series 11.8-11.10 | Kunming, China",
            ),
            L(
                "2023-shenzhen-international-low-carbon-city-forum",
                972,
                "2023 Shenzhen International Low Carbon City Forum November | Shenzhen, China",
            ),
            L(
                "re-greening-cities-with-nature-based-solutions-in-europe-and-china-2023",
                974,
                "Re-greening cities with Nature-based Solutions in Europe and China",
            ),
            L("unfccc-cop28", 978, "UNFCCC COP28"),
            L(
                "2023-mongolian-carbon-neutral-cities-forum",
                982,
                "2023 Mongolian Carbon Neutral Cities Forum",
            ),
            L(
                "gef-7-urbanshift-city-business-collaboration-accelerator-workshop-2023",
                986,
                "GEF-7 UrbanShift City-Business Collaboration Accelerator Workshop",
            ),
            L(
                "3rd-international-forum-on-low-carbon-cities",
                912,
                "3rd International Forum on Low Carbon Cities",
            ),
            L(
                "8th-asia-pacific-urban-forum-and-10th-anniversary-of-ecomobility-festival-suwon",
                948,
                "8th Asia-Pacific Urban Forum & 10th Anniversary of EcoMobility Festival Suwon",
            ),
        ],
    },
    "001": {
        "new_members": [
            L("chengdu", 86, "Chengdu, the capital city of Sichuan Province in"),
        ],
        "seats": [
            L(
                ("Global Executive Committee (GexCom)", "GexCom East Asia Seat", "Tae-Young Yeom"),
                182,
                "GEXCOM EAST ASIA SEAT",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Vice Chair", "Jeong Hyup Seo"),
                195,
                "VICE CHAIR",
            ),
            L(
                (
                    "East Asia Regional Executive Committee (RexCom)",
                    "GexCom East Asia Seat",
                    "Tae-Young Yeom",
                ),
                182,
                "GEXCOM EAST ASIA SEAT",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Portfolio", "Lina Jia"),
                203,
                "Lina Jia",
            ),
            L(
                (
                    "East Asia Regional Executive Committee (RexCom)",
                    "Advisory Member",
                    "Hironori Hamanaka",
                ),
                209,
                "ADVISORY MEMBER",
            ),
            L(
                ("Global Executive Committee (GexCom)", "President", "Frank Cownie"),
                148,
                "PRESIDENT",
            ),
            L(
                ("Global Executive Committee (GexCom)", "Vice President", "Minna Arve"),
                154,
                "VICE-PRESIDENT",
            ),
            L(
                (
                    "Global Executive Committee (GexCom)",
                    "First Vice President",
                    "Katrin Stjernfeldt Jammeh",
                ),
                160,
                "FIRST VICE-PRESIDENT",
            ),
            L(
                ("Global Executive Committee (GexCom)", "Vice President", "Atishi Marlena"),
                165,
                "VICE-PRESIDENT",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Chair", "Daisaku Kadokawa"),
                174,
                "CHAIR",
            ),
            L(
                ("East Asia Regional Executive Committee (RexCom)", "Portfolio", "Cheng-Ta Hsieh"),
                189,
                "Cheng-Ta Hsieh",
            ),
            L(
                (
                    "East Asia Regional Executive Committee (RexCom)",
                    "Advisory Member",
                    "Alex Zhang",
                ),
                216,
                "Alex Zhang",
            ),
        ],
        "team": [
            L("Shu Zhu", 15, "Shu Zhu"),
        ],
        "partners": [
            L(("host", "seoul"), 65, "Hosted by the Seoul Metropolitan Government,"),
        ],
        "projects": [
            L(
                "beijing-seoul-bilateral-research-air-quality",
                398,
                "Beijing-Seoul Bilateral Research",
            ),
            L("eacacn", 349, "East Asia is one of the most polluted regions"),
            L(
                "integrating-air-quality-and-climate-planning",
                441,
                "Funded by the Climate & Clean Air Coalition (CCAC)",
            ),
            L("asia-leds-partnership", 454, "Asia LEDS Partnership"),
            L("building-efficiency-accelerator", 484, "Building Efficiency Accelerator"),
            L(
                "epc-residential-retrofitting-ulaanbaatar",
                513,
                "Energy Performance Contracting for",
            ),
            L("gcom", 531, "The Global Covenant of Mayors for Climate & Energy"),
            L("ambitious-city-promises", 601, "Ambitious City Promises"),
            L("urbanbynature", 892, "On the occasion of the 4th High-Level International"),
            L("connecting-nature", 879, "Since 2018, ICLEI East Asia has been engaging"),
            L("clever-cities", 879, "Since 2018, ICLEI East Asia has been engaging"),
            L("sgup-sustainable-urban-renewal", 944, "ICLEI x SGUP: Sino-German"),
            L(
                "urban-resilience-training-series",
                1005,
                "ICLEI East Asia, in collaboration with the United",
            ),
            L(
                "mainstreaming-ucca-china",
                1043,
                "Since 2019, ICLEI East Asia has been participating in",
            ),
            L("urban-rural-assembly", 1245, "Funded by the German Federal Ministry of"),
            L("gef-7-scip", 1226, "In 2021, ICLEI East Asia will continue participating"),
            L("gef-6-sc-iap-suda", 1212, "ICLEI East Asia Secretariat and the Beijing Office"),
            L("cities-shift", 1130, "Co-funded by the Hewlett Foundation and the"),
            L("ecologistics-in-east-asia", 1175, "EcoLogistics in East Asia: the Next"),
            L("gccc", 665, "To support cities moving towards a low-carbon,"),
            L("sun-institute-project", 723, "SUN Institute Project"),
            L("circular-food-system-in-cities", 791, "Circular Food System in Cities Project"),
            L("plastic-and-food-waste-ulaanbaatar", 793, "Plastic and Food Waste in Ulaanbaatar"),
            L("iclei-shrdc-capacity-building", 631, "ICLEI-SHRDC Capacity"),
        ],
        "pairings": [
            L(
                ("Beijing-Seoul Bilateral Research on Air Quality Management", "seoul", "beijing"),
                400,
                "Under the frame of Beijing-Seoul Joint Committee,",
            ),
            L(
                ("GCCC", "turku", "yokohama"),
                699,
                "ICLEI East Asia and ICLEI Japan co-facilitated a study",
            ),
        ],
        "publications": [
            L(
                "iclei-east-asia-annual-report-2020",
                2,
                "It is our pleasure to present you our 2020 Annual Report with ICLEI’s global new",
            ),
            L("in-the-loop-issue-2", 1296, "In The Loop Issue 2"),
            L(
                "event-report-chinese-german-knowledge-exchange-on-sustainable-development-and",
                1299,
                "Event Report: Chinese - German",
            ),
            L(
                "case-study-beijings-pilot-emission-trading-system",
                1304,
                "Case Study: Beijing’s Pilot Emission",
            ),
            L(
                "ecologistics-in-east-asia-the-frontier-for-sustainable-urban-mobility",
                1308,
                "EcoLogistcis in East Asia: the Frontier",
            ),
            L(
                "resilient-cities-thriving-cities-the-evolution-of-urban-resilience",
                1314,
                "Resilient Cities, Thriving Cities:",
            ),
            L(
                "cities-shift-capacity-building-and-networking-for-climate-and-people-friendly",
                1319,
                "Cities SHIFT: Capacity Building and",
            ),
            L(
                "building-efficiency-renovation-playbook",
                1324,
                "Building Efficiency Renovation Playbook",
            ),
            L("building-efficiency-codes-playbook", 1326, "Building Efficiency Codes Playbook"),
            L(
                "building-efficiency-targets-playbook-general-guidance-for-cities",
                1332,
                "Building Efficiency Targets Playbook -",
            ),
            L(
                "building-efficiency-targets-playbook-case-study-shanghai-changning-district",
                1338,
                "Case Study: Shanghai Changning District",
            ),
            L(
                "study-on-international-experiences-in-pursuing-zero-waste",
                743,
                "In addition, based on the Study on",
            ),
            L(
                "technical-guidelines-for-urban-climate-change-adaptation",
                1050,
                "ICLEI has contributed in developing the Technical",
            ),
            L(
                "ura-periodical-issue-1",
                1256,
                "As a project partner, ICLEI East Asia has completed",
            ),
        ],
        "activities": [
            L(
                "iclei-undrr-resilient-cities-training-for-chengdu-2020",
                221,
                "ICLEI-UNDRR Resilient Cities Training",
            ),
            L("turku-city-study-tour-to-japan-2020", 694, "Turku City Study Tour to Japan"),
            L(
                "1-5-degree-life-video-competition-2020",
                713,
                "Following the study tour, Yokohama subsequently",
            ),
            L(
                "building-livable-cities-in-post-covid-19-time-2020",
                913,
                "The China Center for Urban",
            ),
            L(
                "cleanairforall-campaign-2020",
                374,
                "In response to the first International Clean Air",
            ),
            L(
                "capacity-building-on-integrating-air-pollution-and-climate-change-planning-in-cities-chengdu-2020",
                241,
                "Capacity Building on Integrating Air",
            ),
            L(
                "2020-beijing-international-forum-for-metropolitan-clean-air-and-climate-actions",
                382,
                "Like previous years, ICLEI East Asia was also",
            ),
            L(
                "integrated-urban-rural-development-practice-in-china-and-germany-2020",
                1259,
                "2020, and co-organized with TUB and Shanghai",
            ),
            L(
                "international-ura-online-conference-2020",
                1208,
                "International URA Online Conference, 23-24 September, 2020 / Photo by Henry Sowinski",
            ),
            L("world-circular-economy-forum-2020", 735, "During the World Circular Economy"),
            L(
                "bold-circular-development-as-daring-climate-action-2020",
                673,
                "As one of the annual activities of the Green",
            ),
            L(
                "chinese-german-knowledge-exchange-on-sustainable-development-and-urban-renewal-2020",
                958,
                "To address the common challenges, under the SinoGerman Urbanisation Partnership (SGUP) pro",
            ),
            L(
                "4th-high-level-international-forum-on-sustainable-urban-development",
                892,
                "On the occasion of the 4th High-Level International",
            ),
            L(
                "9th-iclei-east-asia-rexcom-meeting",
                130,
                "hosted the virtual the 9th RexCom Meeting on 26",
            ),
            L(
                "sustainable-urban-renewal-experience-from-chinese-and-german-cities-dortmund-2020",
                278,
                "Sustainable Urban Renewal Experience from Chinese and German",
            ),
            L(
                "2020-green-development-forum-and-8th-shenzhen-international-low-carbon-city-forum",
                282,
                "2020 Green Development Forum & 8th",
            ),
            L(
                "international-urban-resilience-forum-seoul-2020",
                287,
                "International Urban Resilience Forum",
            ),
            L(
                "adb-technical-exchange-event-on-mainstreaming-urban-climate-change-adaptation-in-china-2020",
                291,
                "ADB Technical Exchange Event on",
            ),
            L(
                "online-training-workshop-for-ucca-pilot-cities-2020",
                1055,
                "Under the project framework, an online training",
            ),
            L(
                "sustainable-development-and-urban-innovation-forum-2020",
                1080,
                "the Sustainable Development and",
            ),
            L(
                "kipa-un-desa-forum-on-public-governance-and-innovative-partnerships-for-addressing-the-covid-19-pandemic",
                1081,
                "Urban Innovation Forum, the KIPA-UN",
            ),
            L(
                "international-workshop-on-urban-climate-change-adaptation-2020",
                1085,
                "the International Workshop on Urban",
            ),
            L(
                "iclei-gcom-cities-climate-data-training-2020",
                582,
                "also prepared the exclusive “ICLEI-GCoM Cities’",
            ),
            L(
                "iclei-shrdc-capacity-building-program-2020",
                633,
                "ICLEI East Asia has been co-organizing annual",
            ),
            L("cbd-cop15-2020", 848, "In light of the global pandemic, the 15th"),
        ],
        "preview": [
            L(
                "urbanbynature-china-capacity-building-workshops-on-nature-based-solutions-2021",
                931,
                "In 2021, the UrbanByNature program Chinese",
            ),
            L(
                "iclei-world-congress-2021-2022-part-i",
                1344,
                "ICLEI World Congress 2021-2022: Part I",
            ),
            L(
                "iclei-resilient-cities-capacity-building-series-shanghai-2021",
                1347,
                "ICLEI Resilient Cities Capacity Building Series: Shanghai",
            ),
            L(
                "iclei-resilient-cities-capacity-building-series-beijing-2021",
                1350,
                "ICLEI Resilient Cities Capacity Building Series: Beijing",
            ),
            L(
                "capacity-building-training-for-chinese-local-governments-on-sustainable-development-2021",
                1353,
                "Capacity Building Training for Chinese Local Governments on",
            ),
            L(
                "5th-high-level-international-forum-on-sustainable-urban-development",
                1357,
                "5th High-Level International Forum on Sustainable Urban Development",
            ),
            L(
                "eco-forum-global-annual-conference-guiyang-2021",
                1360,
                "Eco Forum Global Annual Conference Guiyang 2021",
            ),
            L("iucn-world-conservation-congress-2021", 1363, "IUCN World Conservation Congress"),
            L(
                "cbd-cop15-and-the-7th-global-biodiversity-summit-of-cities-and-subnational-governments-2021",
                1366,
                "CBD COP15 and the 7th Global Biodiversity Summit of Cities &",
            ),
            L(
                "seoul-mayors-forum-on-climate-change-2021",
                1370,
                "Seoul Mayor’s Forum on Climate Change",
            ),
            L(
                "seoul-international-forum-on-air-quality-improvement-2021",
                1373,
                "Seoul International Forum on Air Quality Improvement",
            ),
            L(
                "2021-beijing-international-forum-for-metropolitan-clean-air-and-climate-actions",
                1376,
                "2021 Beijing International Forum for Metropolitan Clean Air and",
            ),
            L("unfccc-cop26", 1380, "UNFCCC COP26"),
        ],
    },
    "002": {
        "partners": [
            L(("host", "unescap"), 13, "ECONOMIC AND SOCIAL COMMISSION FOR ASIA AND THE PACIFIC"),
            L(("host", "unescap-enea"), 27, "Note by the Secretariat"),
            L(
                ("partner", "incheon"),
                51,
                "Incheon Metropolitan City",
            ),
            L(
                ("partner", "igdp"),
                77,
                "Institute for Global Decarbonization Progress",
            ),
            L(
                ("partner", "iclei-east-asia-secretariat"),
                77,
                "ICLEI East Asia",
            ),
            L(
                ("partner", "iges"),
                47,
                "IGES",
            ),
            L(
                ("partner", "kei"),
                47,
                "Korea Environment Institute",
            ),
        ],
        "projects": [
            L(
                "north-east-asia-low-carbon-city-platform",
                45,
                "North-East Asia Low Carbon City Platform",
            ),
            L(
                "neaspec-lcc-comparative-study",
                47,
                "comparative study of national policies on low-carbon cities in China, Japan and the Republic of Korea",
            ),
            L(
                "sti-low-carbon-resilient-cities",
                49,
                "Leveraging Science, Technology and Innovation (STI) for Low Carbon and Resilient Cities",
            ),
            L(
                "international-forum-on-low-carbon-cities",
                51,
                "International Forum on Low Carbon Cities",
            ),
            L(
                "low-carbon-cities-compendium",
                77,
                "Low Carbon Cities Compendium of Best Practices",
            ),
            L(
                "neaspec-lcc-activity-plan-2023-2024",
                39,
                "Annex III. (draft) Activity plan for low-carbon cities in 2023-2024",
            ),
        ],
        "publications": [
            L("low-carbon-cities-note-by-the-secretariat-som-26", 25, "Low Carbon Cities"),
            L(
                "low-carbon-cities-compendium-of-best-practices",
                77,
                "Low Carbon Cities Compendium of Best Practices",
            ),
            L(
                "comparative-study-of-national-policies-on-low-carbon-cities",
                47,
                "comparative study of national policies on low-carbon cities in China, Japan and the Republic of Korea",
            ),
        ],
        "activities": [
            L(
                "3rd-international-forum-on-low-carbon-cities",
                69,
                "3rd International Forum on Low Carbon Cities",
            ),
            L(
                "korea-global-adaptation-week-2023",
                69,
                "2023 Korea Global Adaptation Week",
            ),
            L(
                "city-led-climate-innovations-driving-changes-to-safeguard-our-future",
                79,
                "City-led Climate Innovations: Driving Changes to Safeguard Our Future",
            ),
            L("neaspec-som-26", 15, "Twenty-sixth Senior Officials Meeting (SOM-26) of NEASPEC"),
            L(
                "8th-asia-pacific-urban-forum-and-10th-anniversary-of-ecomobility-festival-suwon",
                79,
                "as a parallel session of the 8th Asia-Pacific Urban Forum",
            ),
        ],
    },
    "003": {
        "new_members": [
            L("dobong-gu", 248, "Dobong-gu *East & Northeast Asia | Full Member*"),
            L("sdf", 254, "Seoul Digital Foundation *East & Northeast Asia | Associate Member*"),
            L(
                "sit",
                260,
                "Seoul Institute of Technology *East & Northeast Asia | Associate Member*",
            ),
            L(
                "snu",
                266,
                "Seoul National University, Global Research & Development Business Center",
            ),
            L("tdf", 272, "Town Development Fund *South & Southwest Asia | Associate Member*"),
            L("balangan", 242, "Balangan Regency *Southeast Asia | Full Member*"),
        ],
        "seats": [
            L(("Office Bearers", "President City", "seoul"), 286, "Seoul Metropolitan Government"),
            L(
                ("Office Bearers", "First Vice-President City", "kuala-lumpur"),
                950,
                "Kuala Lumpur",
            ),
            L(
                ("Office Bearers", "Second Vice-President City", "makati"),
                954,
                "The skyline of Makati, CityNet's Second Vice-President City.",
            ),
            L(
                ("Office Bearers", "Executive Committee Member", "ailsg"),
                302,
                "All India Institute of Local Self-Government",
            ),
            L(
                ("Office Bearers", "Executive Committee Member", "busan"),
                306,
                "Busan Metropolitan City",
            ),
            L(
                ("Office Bearers", "Executive Committee Member", "colombo"),
                310,
                "Colombo Municipal Council",
            ),
            L(("Office Bearers", "Executive Committee Member", "denpasar"), 314, "Denpasar City"),
            L(("Office Bearers", "Executive Committee Member", "iloilo"), 318, "Iloilo City"),
            L(
                ("Office Bearers", "Executive Committee Member", "incheon"),
                322,
                "Incheon Metropolitan City",
            ),
            L(
                ("Office Bearers", "Executive Committee Member", "icdi"),
                326,
                "International Climate Development Institute",
            ),
            L(
                ("Office Bearers", "Executive Committee Member", "lalitpur"),
                330,
                "Lalitpur Metropolitan City",
            ),
            L(("Office Bearers", "Executive Committee Member", "plus-arts"), 334, "Plus Arts"),
            L(("Office Bearers", "Auditor", "muntinlupa"), 340, "Muntinlupa City"),
            L(
                ("Office Bearers", "Secretary General", "Vijay Jagannathan"),
                346,
                "Vijay Jagannathan",
            ),
        ],
        "clusters": [
            L(("Climate Change", "lead", "jakarta"), 168, "CLIMATE CHANGE"),
            L(("Climate Change", "co-lead", "quezon"), 168, "CLIMATE CHANGE"),
            L(("Climate Change", "co-lead", "asag"), 168, "CLIMATE CHANGE"),
            L(("Climate Change", "co-lead", "help-o"), 168, "CLIMATE CHANGE"),
            L(("Climate Change", "co-lead", "icdi"), 168, "CLIMATE CHANGE"),
            L(("Disaster", "lead", "makati"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "colombo"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "matsuyama"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "quezon"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "taoyuan"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "asag"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "nset"), 176, "DISASTER"),
            L(("Disaster", "co-lead", "plus-arts"), 176, "DISASTER"),
            L(
                ("Sustainable Development Goals (SDGs)", "lead", "kuala-lumpur"),
                184,
                "SUSTAINABLE DEVELOPMENT GOALS (SDGS)",
            ),
            L(
                ("Sustainable Development Goals (SDGs)", "lead", "seoul"),
                184,
                "SUSTAINABLE DEVELOPMENT GOALS (SDGS)",
            ),
            L(
                ("Sustainable Development Goals (SDGs)", "lead", "yokohama"),
                184,
                "SUSTAINABLE DEVELOPMENT GOALS (SDGS)",
            ),
            L(
                ("Sustainable Development Goals (SDGs)", "co-lead", "ailsg"),
                184,
                "SUSTAINABLE DEVELOPMENT GOALS (SDGS)",
            ),
            L(
                ("Sustainable Development Goals (SDGs)", "co-lead", "help-o"),
                184,
                "SUSTAINABLE DEVELOPMENT GOALS (SDGS)",
            ),
        ],
        "chapters": [
            L("BD", 196, "BANGLADESH"),
            L("IN", 200, "INDIA"),
            L(
                "ID",
                726,
                "The Secretariat attended the 7th Global Platform for Disaster Risk Reduction (GP2022) in B",
            ),
            L(
                "NP",
                856,
                "The Secretariat made a visit to Pokhara as a host city candidat, and Lalitpur to follow up",
            ),
            L("PH", 212, "PHILIPPINES"),
            L("LK", 216, "SRI LANKA"),
        ],
        "team": [
            L("Jeong-Kee Kim", 46, "JEONG-KEE KIM"),
            L("Vijay Jagannathan", 119, "Vijay Jagannathan"),
            L("Youngmin Chang", 26, "YOUNGMIN CHANG"),
            L("Jaime Paulo Mora", 36, "JAIME PAULO MORA"),
            L("Megan Chow", 30, "MEGAN CHOW"),
            L("Hui Qian", 40, "HUI QIAN / CHRIS DI GENNARO"),
            L("Chris Di Gennaro", 40, "HUI QIAN / CHRIS DI GENNARO"),
        ],
        "partners": [
            L(
                ("supporter", "unescap"),
                146,
                "UNESCAP",
            ),
            L(
                ("supporter", "undp"),
                146,
                "UNDP",
            ),
            L(
                ("supporter", "un-habitat"),
                146,
                "UN-Habitat",
            ),
            L(
                ("host", "seoul"),
                136,
                "Seoul Metropolitan Government",
            ),
            L(
                ("host", "kuala-lumpur"),
                136,
                "Kuala Lumpur",
            ),
            L(
                ("partner", "european-union"),
                232,
                "In addition to the three key legislative meetings that took place — the 41st and 42nd Exec",
            ),
            L(
                ("partner", "unescap"),
                232,
                "In addition to the three key legislative meetings that took place — the 41st and 42nd Exec",
            ),
            L(
                ("partner", "world-bank"),
                232,
                "World Bank",
            ),
            L(("partner", "jakarta-research-council"), 670, "WITH Jakarta Research Council"),
            L(("partner", "shrdc"), 678, "WITH SHRDC"),
            L(("partner", "icdi"), 714, "WITH ICDI"),
            L(("partner", "unescap"), 720, "WITH UN ESCAP"),
            L(("partner", "undrr"), 728, "WITH UNDRR"),
            L(("partner", "plus-arts"), 750, "WITH Plus ARTS"),
            L(("partner", "clc"), 794, "WITH CLC"),
            L(("partner", "urdi"), 808, "WITH URDI"),
            L(("partner", "mofa"), 816, "WITH Seoul, MoFA"),
            L(("partner", "barcelona"), 842, "WITH Barcelona, SCEWC"),
            L(("partner", "unescap-enea"), 850, "WITH UN ESCAP ENEA"),
            L(("partner", "unpog"), 886, "WITH UNPOG"),
            L(("partner", "makati"), 894, "WITH Makati"),
            L(
                ("partner", "kookmin-university"),
                900,
                "Kookmin University",
            ),
        ],
        "projects": [
            L(
                "iurc",
                499,
                "International Urban and Regional Cooperation",
            ),
            L(
                "icp-agir",
                562,
                "International City Partnerships: Acting for Green and Inclusive Recovery",
            ),
            L(
                "urban-sdg-knowledge-platform",
                455,
                "Urban SDG Knowledge Platform",
            ),
            L(
                "youth-sdgs-action-project",
                463,
                "Youth SDGs Action Project",
            ),
            L("sdg-online-courses", 467, "SDG ONLINE COURSES"),
            L(
                "citynet-cluster-grants",
                754,
                "CityNet Cluster Grants",
            ),
            L("climate-leadership-programme", 672, "Climate Leadership Programme"),
            L(
                "sdgs-localization-philippine-cities",
                890,
                "Sustainable Development Goals (SDGs) Localization for Philippine Cities",
            ),
        ],
        "pairings": [
            L(("IURC", "seoul", "dublin"), 503, "Seoul & Dublin"),
            L(("IURC", "busan", "rotterdam"), 522, "Busan & Rotterdam"),
            L(("IURC", "sejong", "sofia"), 541, "Sejong & Sofia"),
            L(("ICP-AGIR", "incheon", "berlin"), 566, "Incheon & Berlin"),
            L(("ICP-AGIR", "incheon", "almeria"), 580, "Incheon & Almeria"),
            L(("ICP-AGIR", "gwangju", "athens"), 594, "Gwangju & Athens"),
            L(("ICP-AGIR", "taoyuan", "braga"), 608, "Taoyuan & Braga"),
            L(("ICP-AGIR", "taichung", "prato"), 622, "Taichung & Prato"),
        ],
        "publications": [
            L("citynet-annual-report-2022", 20, "2022 ANNUAL REPORT"),
            L("citynet-monthly-newsletter", 906, "MONTHLY NEWSLETTER"),
            L("citynet-annual-report-2021", 915, "2021 ANNUAL REPORT"),
            L("recipro-city-issue-7", 923, "RECIPRO:CITY ISSUE NO. 7"),
            L("citynet-leaflet", 931, "CITYNET LEAFLET"),
            L("citynet-animation-videos-2022", 776, "Animation Videos"),
        ],
        "preview": [
            L(
                "8th-asia-pacific-urban-forum-and-10th-anniversary-of-ecomobility-festival-suwon",
                109,
                "8th Asia Pacific Urban Forum in Suwon",
            ),
            L(
                "youth-sdgs-action-project-forum-2023",
                463,
                "The Youth SDGs Action Project (YSAP) was a youth-oriented pilot online course. University ",
            ),
            L(
                "iurc-seoul-dublin-study-visit-in-dublin-2023",
                510,
                "In Dublin: To be conducted in 2023",
            ),
            L(
                "polis-conference-2023",
                531,
                "POLIS Conference in 2023",
            ),
            L(
                "icp-agir-taoyuan-braga-study-visit-in-taoyuan-2023",
                616,
                "In Taoyuan: To be conducted in 2023",
            ),
            L(
                "icp-agir-taichung-prato-study-visit-in-taichung-2023",
                630,
                "In Taichung: To be conducted in 2023",
            ),
            L(
                "icp-agir-taichung-prato-study-visit-in-prato-2023",
                632,
                "In Prato: To be conducted in 2023",
            ),
        ],
        "activities": [
            L(
                "9th-citynet-congress",
                226,
                "9th CityNet Congress",
            ),
            L(
                "41st-citynet-executive-committee-meeting",
                232,
                "In addition to the three key legislative meetings that took place — the 41st and 42nd Exec",
            ),
            L(
                "42nd-citynet-executive-committee-meeting",
                232,
                "42nd Executive Committee Meeting",
            ),
            L(
                "9th-citynet-general-council",
                232,
                "9th General Council",
            ),
            L(
                "citynet-clusters-session-2022",
                348,
                "New cluster leads and co-leads were also elected during the Clusters Session.",
            ),
            L(
                "sdg-declaration-2022",
                438,
                "SDG Declaration",
            ),
            L(
                "sdg-awards-2022",
                442,
                "SDG Awards",
            ),
            L(
                "youth-sdgs-action-project-2022",
                463,
                "Youth SDGs Action Project (YSAP)",
            ),
            L(
                "live-online-training-on-collaborative-smart-governance-2022",
                810,
                "Live Online Training on Collaborative Smart Governance",
            ),
            L(
                "japanese-case-studies-of-creative-approaches-towards-strengthening-societal-resilience-2022",
                752,
                "Japanese Case Studies of Creative Approaches Towards Strengthening Society Resilience",
            ),
            L(
                "iurc-seoul-dublin-study-visit-in-seoul-2022",
                509,
                "In Seoul: 29 August – 1 September 2022",
            ),
            L("iurc-busan-rotterdam-study-visit-in-busan-2022", 528, "In Busan: 3-6 July 2022"),
            L(
                "iurc-busan-rotterdam-study-visit-in-rotterdam-2022",
                529,
                "In Rotterdam: 5-9 December 2022",
            ),
            L(
                "iurc-sejong-sofia-study-visit-in-sejong-2022",
                547,
                "In Sejong: 29 August – 1 September 2022",
            ),
            L("iurc-sejong-sofia-study-visit-in-sofia-2022", 548, "In Sofia: 9-12 November 2022"),
            L(
                "iurc-global-event-2022",
                870,
                "IURC Global Event",
            ),
            L("icp-agir-project-launch-2022", 655, "ICP-AGIR Project Launch"),
            L("iurc-quarterly-meeting-2022", 664, "IURC Quarterly Meeting"),
            L(
                "icp-agir-incheon-berlin-study-visit-in-berlin-2022",
                572,
                "In Berlin: 13-17 June 2022",
            ),
            L(
                "icp-agir-incheon-berlin-study-visit-in-incheon-2022",
                574,
                "In Incheon: 17-21 October 2022",
            ),
            L(
                "icp-agir-incheon-almeria-study-visit-in-almeria-2022",
                586,
                "In Almeria: 26-30 September 2022",
            ),
            L(
                "icp-agir-incheon-almeria-study-visit-in-incheon-2022",
                588,
                "In Incheon: 24-28 October 2022",
            ),
            L(
                "icp-agir-gwangju-athens-study-visit-in-athens-2022",
                600,
                "In Athens: 6-10 June 2022",
            ),
            L(
                "icp-agir-gwangju-athens-study-visit-in-gwangju-2022",
                602,
                "In Gwangju: 11-15 July 2022",
            ),
            L(
                "gwangju-seminar-at-cop27",
                604,
                "Gwangju and Athens have been cooperating together to develop smart cities for the purpose ",
            ),
            L(
                "icp-agir-taoyuan-braga-study-visit-in-braga-2022",
                614,
                "In Braga: 24-28 October 2022",
            ),
            L("climate-leadership-programme-2022", 672, "Climate Leadership Programme"),
            L(
                "citynet-shrdc-online-training-program-on-transportation-policy-2022",
                680,
                "CityNet-SHRDC Online Training Program on Transportation Policy",
            ),
            L("technology-for-air-quality-webinar-2022", 688, "Webinar on Air Quality"),
            L(
                "malaysia-national-workshop-localization-of-ethnically-inclusive-urban-house-planning-practices-2022",
                702,
                "Localization of Ethnically Inclusive Urban House Planning Practices",
            ),
            L("sustainable-city-forum-2022", 708, "Sustainable City Forum"),
            L(
                "asia-pacific-forum-on-sustainable-development-side-event-2022",
                716,
                "Asia Pacific Sustainable Development Forum",
            ),
            L(
                "7th-global-platform-for-disaster-risk-reduction",
                724,
                "7th Global Platform for Disaster Risk Reduction",
            ),
            L(
                "citynet-national-chapter-indonesia-meeting-2022",
                726,
                "National Chapter Indonesia meeting",
            ),
            L(
                "citynet-cluster-leads-end-of-term-meeting-2022",
                726,
                "End of Term Meeting with CityNet Cluster Leads and Co Leads",
            ),
            L("improving-waste-management-webinar-2022", 732, "Webinar on Waste Management"),
            L(
                "strategies-for-improving-air-quality-in-taichung-city-2022",
                740,
                "Webinar on AI for Air Quality Management",
            ),
            L(
                "citynet-meeting-with-the-president-city-2022",
                758,
                "Meeting with the President City",
            ),
            L("citynet-secretariat-visit-to-yokohama-2022", 764, "Secretariat Visit to Yokohama"),
            L(
                "orientation-to-rajuk-and-citynet-members-in-bangladesh-2022",
                770,
                "Orientation to RAJUK and CityNet Members in Bangladesh",
            ),
            L("world-cities-summit-2022", 796, "World Cities Summit"),
            L(
                "citynet-secretariat-visit-to-kuala-lumpur-2022",
                802,
                "Secretariat Visit to Kuala Lumpur",
            ),
            L(
                "international-organization-career-fair-2022",
                818,
                "International Organization Career Fair",
            ),
            L("visit-from-kuala-lumpur-2022", 826, "Visit from Kuala Lumpur"),
            L("visit-from-ailsg-2022", 832, "Visit from AILSG"),
            L("smart-city-expo-world-congress-2022", 838, "Smart City Expo World Congress"),
            L(
                "citynet-secretariat-visit-to-nepal-members-2022",
                854,
                "Secretariat Visit to Nepal Members",
            ),
            L("quezon-city-benchmarking-in-seoul-2022", 876, "Quezon City Benchmarking in Seoul"),
            L(
                "unpog-regional-symposium-on-effective-governance-and-digital-transformation-2022",
                882,
                "UNPOG Regional Symposium on Effective Governance and Digital Transformation",
            ),
            L(
                "sdgs-localization-for-philippine-cities-visit-2022",
                890,
                "Sustainable Development Goals (SDGs) Localization for Philippine Cities",
            ),
            L(
                "localization-for-philippine-cities-final-project-activity-2022",
                892,
                "Final Project Activity for the 'Localization for Philippine Cities'",
            ),
            L(
                "2nd-international-forum-on-low-carbon-cities",
                846,
                "2nd International Forum on Low Carbon Cities",
            ),
        ],
    },
}

NOT_FOR_THE_YEAR = {
    "000": {},
    "001": {
        # The first training of the series, in Ningbo in 2019 (001:1014-1016).
        "activities": [
            L(
                "iclei-undrr-resilient-cities-training-for-ningbo-2019",
                1014,
                "Following the first training session carried",
            ),
        ],
        # 2021's partners: "In the first half of 2021 ... are jointly implementing" and "For the
        # second half of the year ... also plans to start" (001:1280-1284); the 2020 report names
        # no partner of 2020 but its host (the strategic-development page's logos are not text).
        "partners": [
            L(
                ("partner", "koica"),
                1280,
                "KOICA",
            ),
            L(
                ("partner", "national-institute-of-biological-resources"),
                1283,
                "National Institute of Biological Resources",
            ),
        ],
        # "scheduled for publication in 2021" (001:805-806), not in the list of 001:1294-1342.
        "publications": [
            L(
                "best-practices-of-circular-food-production-and-consumption-in-japan-and-korea",
                803,
                "synthesized as the Best Practices of Circular Food",
            ),
        ],
    },
    "002": {
        # The note's background and its "since SOM-25" part: events of 2017-2022, which the
        # reports of their own years list by their dates, not the 2023 report.
        "activities": [
            L(
                "1st-international-forum-on-low-carbon-cities",
                51,
                "4. To expand the partnership for promoting city-led climate action by holding a regular fo",
            ),
            L(
                "sti-for-low-carbon-and-resilient-cities-training-workshop-ulaanbaatar-2021",
                49,
                "3. Subsequently, the Secretariat implemented a project, *“Leveraging Science, Technology a",
            ),
            L(
                "2nd-international-forum-on-low-carbon-cities",
                59,
                "2nd International Forum on Low Carbon Cities",
            ),
            L(
                "neaspec-som-21",
                47,
                "2. Approved by SOM-21 in 2017, the pilot peer review studies were conducted, and peer revi",
            ),
            L(
                "neaspec-som-25",
                55,
                "5. Since the SOM-25, held in September 2022, the Secretariat organized two International F",
            ),
            L(
                "neaspec-low-carbon-city-peer-review-workshop-wuhan-2018",
                47,
                "2. Approved by SOM-21 in 2017, the pilot peer review studies were conducted, and peer revi",
            ),
            L(
                "neaspec-low-carbon-city-peer-review-workshop-guangzhou-2019",
                47,
                "2. Approved by SOM-21 in 2017, the pilot peer review studies were conducted, and peer revi",
            ),
            L(
                "neaspec-low-carbon-city-peer-review-workshop-gwangju-2019",
                47,
                "2. Approved by SOM-21 in 2017, the pilot peer review studies were conducted, and peer revi",
            ),
        ],
        # 2017-2019 (002:47): background of the note.
        "projects": [
            L(
                "neaspec-lcc-pilot-peer-review",
                47,
                "2. Approved by SOM-21 in 2017, the pilot peer review studies were conducted, and peer revi",
            ),
        ],
    },
    "003": {},
}

UNDATED_EVENTS = {
    "000": [],
    "001": [
        L(
            "integrating-air-quality-and-climate-planning-training-sessions-for-santa-rosa-and-ulaanbaatar",
            428,
            "The curriculum was also used in the training",
        ),
        L("daring-cities-2020", 224, "Daring Cities 2020"),
        L(
            "ambitious-city-promises-training-program",
            608,
            "plan since 2017. As knowledge transfer partners",
        ),
        L(
            "asia-leds-partnership-case-study-webinars",
            466,
            "Partnership Secretariat in early 2021. Webinars on",
        ),
    ],
    "002": [],
    "003": [
        L(
            "urban-safety-and-inclusive-spaces-masterclass",
            469,
            "Urban Safety & Inclusive Spaces Masterclass *By Think City*",
        ),
        L(
            "approaches-in-sustainable-tourism-lessons-from-seoul",
            475,
            "Approaches in Sustainable Tourism: Lessons from Seoul",
        ),
        L(
            "incheon-almeria-hydrogen-summer-school",
            590,
            "summer school programme on hydrogen",
        ),
        L(
            "6th-asian-cities-summit",
            834,
            "6th Asian Cities Summit",
        ),
    ],
}
