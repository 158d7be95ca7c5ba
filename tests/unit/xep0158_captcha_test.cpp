// XEP-0158 CAPTCHA forms on the XEP's examples (the challenge message, the registration form of §9),
// with the picture carried as XEP-0231 bits of binary, and XEP-0231's own parsing and limits.
#include "core/xep/xep0158_captcha.h"

#include <gtest/gtest.h>

#include "core/crypto/hash.h"
#include "core/xep/xep0077_register.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

// A 1×1 PNG (signature, IHDR) as a CAPTCHA server would send, base64.
std::string pngBase64() {
    const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89};
    return crypto::base64Encode(crypto::Bytes(png, png + sizeof png));
}

// XEP-0231 Example 1's shape: a <data/> with cid, type and max-age beside the payload that names it.
std::string bob(const std::string& cid, const std::string& base64) {
    return "<data xmlns='urn:xmpp:bob' cid='" + cid + "' type='image/png' max-age='86400'>" + base64 + "</data>";
}

constexpr const char* kOcrCid = "sha1+f24030b8d91d233bac14777be5ab531ca3b9f102@bob.xmpp.org";

TEST(Xep0158CaptchaTest, TheChallengeMessageIsACaptchaWithPictures) {
    xml::Element message = test::fixture("xep0158/challenge-message.xml");
    const xml::Element* captcha = message.child(ns::kCaptcha, "captcha");
    ASSERT_NE(captcha, nullptr);
    auto form = parseDataForm(*captcha->child(ns::kDataForms, "x"));
    ASSERT_TRUE(form.ok());
    EXPECT_TRUE(isCaptchaForm(*form));
    const FormField* ocr = form->field("ocr");
    ASSERT_NE(ocr, nullptr);
    EXPECT_TRUE(isChallengeField(*ocr));
    ASSERT_EQ(ocr->media.size(), 2u);
    EXPECT_EQ(ocr->media[0].width, 290);
    EXPECT_EQ(ocr->media[0].uri, "http://www.victim.com/challenges/ocr.jpeg?F3A6292C");  // trimmed
    EXPECT_EQ(pictureCid(*ocr), kOcrCid);
    EXPECT_EQ(pictureCid(*form->field("speech_recog")), "");  // audio only
    EXPECT_TRUE(isChallengeField(*form->field("SHA-256")));
    EXPECT_TRUE(isChallengeField(*form->field("qa")));
    EXPECT_FALSE(isChallengeField(*form->field("from")));
    // The message carries no <data/>: the picture is missing, not invented.
    auto picture = captchaPicture(*ocr, message);
    ASSERT_FALSE(picture.ok());
    EXPECT_EQ(picture.error().code, "item-not-found");
}

TEST(Xep0158CaptchaTest, RegistrationFormOfSection9IsACaptcha) {
    xml::Element iq = test::fixture("xep0158/registration-form.xml");
    auto reg = parseRegistrationForm(*iq.child(ns::kRegister, "query"));
    ASSERT_TRUE(reg.ok());
    ASSERT_TRUE(reg->hasDataForm);
    EXPECT_EQ(reg->dataForm.formType(), "jabber:iq:register");
    EXPECT_TRUE(isCaptchaForm(reg->dataForm));  // FORM_TYPE register, with a hidden challenge and ocr
    EXPECT_EQ(pictureCid(*reg->dataForm.field("ocr")), "");  // an http picture: not fetched by us
    // The XEP's answer: what registrationAnswer sends for the same values.
    xml::Element expected = test::fixture("xep0158/registration-submit.xml");
    xml::Element answer = registrationAnswer(*reg, {{"ocr", {"7nHL3"}}, {"username", {"bill"}}, {"password", {"Calliope"}}});
    auto a = parseDataForm(*answer.child(ns::kDataForms, "x"));
    auto e = parseDataForm(*expected.child(ns::kRegister, "query")->child(ns::kDataForms, "x"));
    ASSERT_TRUE(a.ok() && e.ok());
    ASSERT_EQ(a->fields.size(), e->fields.size());
    for (std::size_t i = 0; i < a->fields.size(); ++i) {
        EXPECT_EQ(a->fields[i].var, e->fields[i].var);
        EXPECT_EQ(a->fields[i].values, e->fields[i].values);
    }
}

TEST(Xep0158CaptchaTest, PictureComesFromBitsOfBinaryInTheStanza) {
    // ejabberd's shape: the form's ocr field names a cid, the <data/> rides in the query.
    const std::string iqText = std::string(R"(<iq type="result" id="r1"><query xmlns="jabber:iq:register">)") +
        R"(<x xmlns="jabber:x:data" type="form"><field type="hidden" var="FORM_TYPE"><value>urn:xmpp:captcha</value></field>)" +
        R"(<field type="hidden" var="challenge"><value>1</value></field>)" +
        R"(<field var="ocr" label="Enter the text you see"><media xmlns="urn:xmpp:media-element"><uri type="image/png">cid:)" +
        kOcrCid + R"(</uri></media></field></x>)" + bob(kOcrCid, pngBase64()) + "</query></iq>";
    xml::Element iq = test::parseStanza(iqText);
    auto form = parseDataForm(*iq.child(ns::kRegister, "query")->child(ns::kDataForms, "x"));
    ASSERT_TRUE(form.ok());
    EXPECT_TRUE(isCaptchaForm(*form));
    auto picture = captchaPicture(*form->field("ocr"), iq);
    ASSERT_TRUE(picture.ok()) << picture.error().message;
    EXPECT_EQ(picture->cid, kOcrCid);
    EXPECT_EQ(picture->mime, "image/png");
    EXPECT_EQ(picture->bytes.substr(1, 3), "PNG");
}

TEST(Xep0231BobTest, BrokenAndHugeDataAreRefused) {
    EXPECT_EQ(cidOfUri(" cid:abc@bob.xmpp.org\n"), "abc@bob.xmpp.org");
    EXPECT_EQ(cidOfUri("http://x/"), "");
    auto notBase64 = parseBob(test::parseStanza(bob("a@bob.xmpp.org", "***not base64***")));
    ASSERT_FALSE(notBase64.ok());
    EXPECT_EQ(notBase64.error().code, "bad-payload");
    const std::string huge(kMaxBobBytes * 2, 'A');
    auto tooLarge = parseBob(test::parseStanza(bob("a@bob.xmpp.org", huge)));
    ASSERT_FALSE(tooLarge.ok());
    EXPECT_EQ(tooLarge.error().code, "too-large");
    EXPECT_FALSE(parseBob(test::parseStanza("<data xmlns='urn:xmpp:bob'>AAAA</data>")).ok());  // no cid
    auto wrapped = parseBob(test::parseStanza(bob("a@bob.xmpp.org", "iVBO\n Rw0K")));  // line-wrapped base64
    ASSERT_TRUE(wrapped.ok());
    EXPECT_EQ(wrapped->bytes.substr(1, 3), "PNG");
}

}  // namespace
}  // namespace starling::xep
