// Mongolian (Cyrillic) UI catalog. Keep keys in the same order as i18n_catalog_en.cpp.
#include "i18n_catalogs.hpp"

namespace tumen::i18n {

const std::vector<Entry>& catalog_mn() {
    static const std::vector<Entry> entries = {
        // application frame
        {"app.name", "Түмэн CRM"},
        {"app.tagline", "Таны багийн борлуулалтын шугам"},
        {"app.version", "Хувилбар {version}"},
        {"app.loading", "Ачаалж байна…"},
        {"lang.switch", "Хэл"},
        // sign in
        {"login.title", "Нэвтрэх"},
        {"login.subtitle", "Тавтай морилно уу. Борлуулалтын шугам руугаа нэвтэрнэ үү."},
        {"login.login", "Нэвтрэх нэр"},
        {"login.login_hint", "Нэвтрэх нэр, жишээ нь admin"},
        {"login.password", "Нууц үг"},
        {"login.password_hint", "Таны нууц үг"},
        {"login.submit", "Нэвтрэх"},
        {"login.submitting", "Нэвтэрч байна…"},
        {"login.missing_login", "Нэвтрэх нэрээ оруулна уу."},
        {"login.missing_password", "Нууц үгээ оруулна уу."},
        {"login.session_ended", "Таны холболт дууссан байна. Дахин нэвтэрнэ үү."},
        {"login.second_factor_unsupported", "Энэ бүртгэл нэг удаагийн кодоор нэвтэрдэг бөгөөд клиентийн энэ хувилбар үүнийг хараахан дэмжихгүй байна."},
        // errors shown for any request
        {"error.network", "Сервертэй холбогдож чадсангүй. Холболтоо шалгаад дахин оролдоно уу."},
        {"error.unexpected", "Сервер хүлээгдээгүй алдаа буцаалаа (HTTP {status})."},
        {"error.bad_response", "Серверийн хариуг энэ програм ойлгосонгүй."},
        {"error.webgl", "Энэ хөтөч Түмэн-г харуулж чадахгүй: WebGL 2 дэмжигдээгүй байна."},
        // session
        {"session.checking", "Холболтыг шалгаж байна…"},
        {"session.logout", "Гарах"},
        {"session.signing_out", "Гарч байна…"},
        // navigation and views
        {"nav.pipeline", "Борлуулалт"},
        {"nav.back_to_pipeline", "Борлуулалт руу буцах"},
        {"pipeline.title", "Борлуулалтын шугам"},
        {"pipeline.welcome", "Сайн байна уу, {name}"},
        {"pipeline.signed_in_as", "{login} нэрээр нэвтэрсэн"},
        {"pipeline.empty_title", "Борлуулалтын самбар удахгүй бэлэн болно"},
        {"pipeline.empty_body", "Сэжим болон боломжууд энд үе шатаараа бүлэглэгдэн харагдана."},
        {"lead.title", "Сэжим #{id}"},
        {"lead.placeholder", "Энэ сэжимийн дэлгэрэнгүй мэдээлэл энд харагдана."},
        {"not_found.title", "Хуудас олдсонгүй"},
        {"not_found.body", "{path} хаягт хуудас алга."},
    };
    return entries;
}

}  // namespace tumen::i18n
