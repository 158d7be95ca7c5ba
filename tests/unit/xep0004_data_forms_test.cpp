// XEP-0004 data forms on the XEP's own examples (the bot creation form and its submission), and the
// limits a hostile server's form meets.
#include "core/xep/xep0004_data_forms.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling::xep {
namespace {

const xml::Element& formIn(const xml::Element& iq) {
    static const xml::Element none;
    const xml::Element* command = iq.firstChild();
    const xml::Element* x = command ? command->child(ns::kDataForms, "x") : nullptr;
    return x ? *x : none;
}

TEST(Xep0004DataFormsTest, ParsesTheBotCreationForm) {
    xml::Element iq = test::fixture("xep0004/bot-creation-form.xml");
    auto form = parseDataForm(formIn(iq));
    ASSERT_TRUE(form.ok()) << form.error().message;
    EXPECT_EQ(form->type, "form");
    EXPECT_EQ(form->title, "Bot Configuration");
    ASSERT_EQ(form->instructions.size(), 1u);
    EXPECT_EQ(form->formType(), "jabber:bot");
    ASSERT_EQ(form->fields.size(), 12u);  // the fixed section titles are kept (no var)
    EXPECT_EQ(form->fields[1].type, "fixed");
    EXPECT_EQ(form->fields[1].value(), "Section 1: Bot Info");
    const FormField* pub = form->field("public");
    ASSERT_NE(pub, nullptr);
    EXPECT_EQ(pub->type, "boolean");
    EXPECT_TRUE(pub->required);
    const FormField* features = form->field("features");
    ASSERT_NE(features, nullptr);
    EXPECT_EQ(features->options.size(), 5u);
    EXPECT_EQ(features->options[1].label, "News");
    EXPECT_EQ(features->values, (std::vector<std::string>{"news", "search"}));
    const FormField* maxsubs = form->field("maxsubs");
    ASSERT_NE(maxsubs, nullptr);
    EXPECT_EQ(maxsubs->value(), "20");
    EXPECT_EQ(maxsubs->options.back().value, "none");
    EXPECT_EQ(form->field("invitelist")->desc, "Tell all your friends about your new bot!");
}

TEST(Xep0004DataFormsTest, SubmitIsTheXepsSubmission) {
    auto form = parseDataForm(formIn(test::fixture("xep0004/bot-creation-form.xml")));
    ASSERT_TRUE(form.ok());
    FormAnswers answers{
        {"botname", {"The Jabber Google Bot"}},
        {"description", {"This bot enables you to send requests to", "Google and receive the search results right",
                         "in your Jabber client. It' really cool!", "It even supports Google News!"}},
        {"public", {"0"}},
        {"password", {"v3r0na"}},
        {"maxsubs", {"50"}},
        {"invitelist", {"juliet@capulet.com", "benvolio@montague.net"}},
    };  // features: left as the form's default (news, search)
    EXPECT_TRUE(missingRequired(*form, answers).empty());
    xml::Element x = submitForm(*form, answers);
    auto expected = parseDataForm(formIn(test::fixture("xep0004/bot-creation-submit.xml")));
    ASSERT_TRUE(expected.ok());
    auto got = parseDataForm(x);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->type, "submit");
    ASSERT_EQ(got->fields.size(), expected->fields.size()) << xml::serialize(x);
    for (std::size_t i = 0; i < got->fields.size(); ++i) {
        EXPECT_EQ(got->fields[i].var, expected->fields[i].var);
        EXPECT_EQ(got->fields[i].values, expected->fields[i].values) << got->fields[i].var;
    }
}

TEST(Xep0004DataFormsTest, RequiredBooleanWithoutAnswerIsMissing) {
    auto form = parseDataForm(formIn(test::fixture("xep0004/bot-creation-form.xml")));
    ASSERT_TRUE(form.ok());
    EXPECT_EQ(missingRequired(*form, {}), (std::vector<std::string>{"public"}));
}

TEST(Xep0004DataFormsTest, HiddenValuesCannotBeOverwrittenByAnswers) {
    auto form = parseDataForm(test::parseStanza(
        R"(<x xmlns="jabber:x:data" type="form"><field type="hidden" var="challenge"><value>F3A6</value></field></x>)"));
    ASSERT_TRUE(form.ok());
    auto got = parseDataForm(submitForm(*form, {{"challenge", {"forged"}}}));
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->field("challenge")->value(), "F3A6");
}

TEST(Xep0004DataFormsTest, HostileFormsAreRefusedOrBounded) {
    std::string many = R"(<x xmlns="jabber:x:data" type="form">)";
    for (int i = 0; i < 10000; ++i) many += "<field var='f" + std::to_string(i) + "' type='text-single'/>";
    auto tooMany = parseDataForm(test::parseStanza(many + "</x>"));
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, "too-large");

    std::string options = R"(<x xmlns="jabber:x:data" type="form"><field var="l" type="list-single">)";
    for (int i = 0; i < 1000; ++i) options += "<option label='o'><value>" + std::to_string(i) + "</value></option>";
    auto tooManyOptions = parseDataForm(test::parseStanza(options + "</field></x>"));
    ASSERT_FALSE(tooManyOptions.ok());
    EXPECT_EQ(tooManyOptions.error().code, "too-large");

    const std::string longLabel(100000, 'a');
    auto cut = parseDataForm(test::parseStanza(R"(<x xmlns="jabber:x:data" type="form"><field var="a" label=")" + longLabel + R"("/></x>)"));
    ASSERT_TRUE(cut.ok());
    EXPECT_EQ(cut->fields[0].label.size(), FormLimits{}.maxTextBytes);

    EXPECT_FALSE(parseDataForm(test::parseStanza(R"(<x xmlns="jabber:x:oob"/>)")).ok());
}

}  // namespace
}  // namespace starling::xep
