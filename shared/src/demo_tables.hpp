// Internal: word lists the demo generator composes names, companies, addresses and texts from.
// Each Cyrillic entry carries its Latin spelling for e-mail addresses and domains.
#pragma once
#include <array>
#include <string_view>

namespace tumen::demo::tables {

struct Word {
    std::string_view text;
    std::string_view latin;
};

inline constexpr std::array<Word, 32> mn_names = {{
    {"Батбаяр", "batbayar"},     {"Оюунчимэг", "oyunchimeg"}, {"Ганболд", "ganbold"},   {"Сарангэрэл", "sarangerel"},
    {"Энхтуяа", "enkhtuya"},     {"Мөнхбат", "munkhbat"},     {"Төмөрбаатар", "tumurbaatar"}, {"Нарантуяа", "narantuya"},
    {"Өлзийбаяр", "ulziibayar"}, {"Үүрцайх", "uurtsaikh"},    {"Болормаа", "bolormaa"}, {"Баярсайхан", "bayarsaikhan"},
    {"Отгонбаяр", "otgonbayar"}, {"Дөлгөөн", "dulguun"},      {"Анхбаяр", "ankhbayar"}, {"Хулан", "khulan"},
    {"Тэмүүлэн", "temuulen"},    {"Ариунаа", "ariunaa"},      {"Гантулга", "gantulga"}, {"Цэцэгмаа", "tsetsegmaa"},
    {"Эрдэнэбат", "erdenebat"},  {"Мөнхзул", "munkhzul"},     {"Золжаргал", "zoljargal"}, {"Батцэцэг", "battsetseg"},
    {"Пүрэвдорж", "purevdorj"},  {"Сүхбаатар", "sukhbaatar"}, {"Одгэрэл", "odgerel"},   {"Түвшинбаяр", "tuvshinbayar"},
    {"Номин", "nomin"},          {"Ганзориг", "ganzorig"},    {"Билгүүн", "bilguun"},   {"Өнөрмаа", "unurmaa"},
}};

inline constexpr std::array<std::string_view, 18> en_first = {
    "John", "Emma", "Michael", "Olivia", "David", "Sophia", "James", "Mia", "Daniel",
    "Charlotte", "Thomas", "Grace", "Kenji", "Min-jun", "Anna", "Lukas", "Wei", "Chloe"};
inline constexpr std::array<Word, 16> en_last = {{
    {"Smith", "smith"}, {"Johnson", "johnson"}, {"Brown", "brown"}, {"Taylor", "taylor"}, {"Wilson", "wilson"},
    {"Müller", "mueller"}, {"Kim", "kim"}, {"Tanaka", "tanaka"}, {"Chen", "chen"}, {"Martin", "martin"},
    {"Clarke", "clarke"}, {"Walker", "walker"}, {"Evans", "evans"}, {"Schmidt", "schmidt"}, {"Park", "park"},
    {"Ivanov", "ivanov"},
}};

inline constexpr std::array<Word, 24> mn_company_cores = {{
    {"Монгол Шуудан", "mongolpost"}, {"Говь", "gobi"},             {"Тэнгэр", "tenger"},
    {"Номин", "nomin"},              {"Алтан Тариа", "altantaria"}, {"Хан-Уул", "khanuul"},
    {"Шинэ Зам", "shinezam"},        {"Их Засаг", "ikhzasag"},     {"Өгөөж", "uguuj"},
    {"Үүлэн Тэнгэр", "uulentenger"}, {"Эрдэнэс", "erdenes"},       {"Хөх Толбо", "khukhtolbo"},
    {"Дархан Нэхий", "darkhannekhii"}, {"Сэлэнгэ Агро", "selengeagro"}, {"Орхон Төмөр", "orkhontumur"},
    {"Говийн Элс", "goviinels"},     {"Хөвсгөл Далай", "khuvsguldalai"}, {"Мөнх Од", "munkhod"},
    {"Цагаан Сар", "tsagaansar"},    {"Талст", "talst"},           {"Жаргалант", "jargalant"},
    {"Бодь", "bodi"},                {"Ану", "anu"},               {"Есөн Эрдэнэ", "yesunerdene"},
}};
inline constexpr std::array<Word, 12> mn_sectors = {{
    {"", ""}, {"Трейд", "trade"}, {"Холдинг", "holding"}, {"Логистик", "logistics"},
    {"Констракшн", "construction"}, {"Групп", "group"}, {"Системс", "systems"}, {"Фүүдс", "foods"},
    {"Майнинг", "mining"}, {"Технологи", "tech"}, {"Хэвлэл", "print"}, {"Эмнэлэг", "clinic"},
}};
inline constexpr std::array<std::string_view, 16> en_company_cores = {
    "Blue Sky", "Northwind", "Everest", "Silk Road", "Steppe", "Pioneer", "Summit", "Harbor",
    "Granite", "Evergreen", "Red Rock", "Polaris", "Atlas", "Cedar", "Horizon", "Lighthouse"};
inline constexpr std::array<std::string_view, 10> en_sectors = {
    "", "Trading", "Logistics", "Systems", "Foods", "Mining", "Consulting", "Energy", "Health", "Media"};
inline constexpr std::array<std::string_view, 3> en_forms = {"LLC", "Ltd", "Inc"};

struct City {
    std::string_view city;
    std::string_view state;
    std::string_view zip;
    std::string_view country;
    int weight;
};
inline constexpr std::array<City, 14> mn_cities = {{
    {"Улаанбаатар", "Сүхбаатар дүүрэг", "14200", "MN", 22}, {"Улаанбаатар", "Баянзүрх дүүрэг", "13300", "MN", 14},
    {"Улаанбаатар", "Хан-Уул дүүрэг", "17000", "MN", 12},   {"Улаанбаатар", "Чингэлтэй дүүрэг", "15160", "MN", 8},
    {"Дархан", "Дархан-Уул аймаг", "45000", "MN", 6},       {"Эрдэнэт", "Орхон аймаг", "61000", "MN", 6},
    {"Чойбалсан", "Дорнод аймаг", "21000", "MN", 3},        {"Мөрөн", "Хөвсгөл аймаг", "67000", "MN", 3},
    {"Ховд", "Ховд аймаг", "84000", "MN", 2},               {"Өлгий", "Баян-Өлгий аймаг", "83000", "MN", 2},
    {"Баянхонгор", "Баянхонгор аймаг", "64000", "MN", 2},   {"Сайншанд", "Дорноговь аймаг", "44000", "MN", 2},
    {"Зуунмод", "Төв аймаг", "41000", "MN", 2},             {"Арвайхээр", "Өвөрхангай аймаг", "62000", "MN", 2},
}};
inline constexpr std::array<City, 10> en_cities = {{
    {"San Francisco", "CA", "94105", "US", 3}, {"London", "", "EC1A 1BB", "GB", 3}, {"Berlin", "", "10115", "DE", 2},
    {"Seoul", "", "04524", "KR", 3},           {"Tokyo", "", "100-0005", "JP", 2}, {"Beijing", "", "100000", "CN", 2},
    {"Sydney", "NSW", "2000", "AU", 1},        {"Toronto", "ON", "M5H 2N2", "CA", 1}, {"Moscow", "", "101000", "RU", 2},
    {"Singapore", "", "018989", "SG", 1},
}};
inline constexpr std::array<std::string_view, 8> mn_streets = {
    "Энхтайваны өргөн чөлөө", "Чингисийн өргөн чөлөө", "Сөүлийн гудамж", "Их тойруу",
    "Бага тойруу", "Жамъян гүний гудамж", "Олимпийн гудамж", "Үйлдвэрийн гудамж"};
inline constexpr std::array<std::string_view, 8> en_streets = {
    "Market Street", "High Street", "Main Street", "King Road", "Harbour Way", "Park Avenue", "Station Road", "Mill Lane"};

inline constexpr std::array<std::string_view, 16> mn_products = {
    "Сүлжээний тоног төхөөрөмж", "ERP систем нэвтрүүлэх", "Ажилчдын сургалт", "Вэб сайт хөгжүүлэлт",
    "Оффисын тавилга", "Хамгаалалтын камер", "Түлш нийлүүлэлт", "Ачаа тээврийн гэрээ",
    "Эрүүл мэндийн даатгал", "Серверийн түрээс", "Нягтлан бодох бүртгэлийн программ", "Барилгын материал",
    "Хүнсний бүтээгдэхүүн нийлүүлэлт", "Маркетингийн кампанит ажил", "Зөвлөх үйлчилгээ", "Нарны эрчим хүч"};
inline constexpr std::array<std::string_view, 14> en_products = {
    "Network equipment", "ERP rollout", "Staff training", "Website redesign", "Office furniture",
    "CCTV installation", "Fuel supply", "Freight contract", "Health insurance plan", "Cloud hosting",
    "Accounting software", "Consulting retainer", "Solar power kit", "Marketing campaign"};

inline constexpr std::array<std::string_view, 6> mn_descriptions = {
    "Үнийн санал хүссэн. Шийдвэрээ сарын дотор гаргана.",
    "Утсаар ярьж, танилцуулга илгээсэн.\nДараагийн уулзалтыг товлох.",
    "Үзэсгэлэн дээр танилцсан. Демо үзүүлэх хүсэлтэй.",
    "Одоогийн нийлүүлэгчдээ сэтгэл хангалуун бус байна.",
    "Төсөв батлагдсан, тендер удахгүй зарлагдана.",
    "Одоо байгаа харилцагчийн зөвлөмжөөр холбогдсон."};
inline constexpr std::array<std::string_view, 5> en_descriptions = {
    "Asked for a quote; decision expected within a month.",
    "Met at the trade fair.\nFollow up with a demo.",
    "Unhappy with their current supplier.",
    "Budget approved, tender to be announced soon.",
    "Referred by an existing customer."};
inline constexpr std::array<std::string_view, 4> mn_lost_notes = {
    "Өрсөлдөгч 15% хямд үнэ санал болгосон.", "Төсөв ирэх жил рүү шилжсэн.",
    "Шийдвэр гаргагч солигдсон.", "Хариу өгөхөө больсон."};
inline constexpr std::array<std::string_view, 3> en_lost_notes = {
    "A competitor offered a 15% lower price.", "Budget moved to next year.", "Stopped answering."};

inline constexpr std::array<Word, 8> mn_functions = {{
    {"Гүйцэтгэх захирал", "CEO"}, {"Худалдан авалтын менежер", "Procurement Manager"},
    {"Санхүүгийн менежер", "Finance Manager"}, {"МТ-ийн инженер", "IT Engineer"},
    {"Маркетингийн менежер", "Marketing Manager"}, {"Ерөнхий нягтлан", "Chief Accountant"},
    {"Үйл ажиллагааны захирал", "COO"}, {"Борлуулалтын менежер", "Sales Manager"},
}};

inline constexpr std::array<std::string_view, 6> free_mail = {
    "gmail.com", "yahoo.com", "outlook.com", "mail.ru", "hotmail.com", "icloud.com"};

}  // namespace tumen::demo::tables
