#include "core/util/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace starling {
namespace {

Json parsed(std::string_view text) {
    auto r = Json::parse(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : Json();
}

TEST(Json, ParsesScalars) {
    EXPECT_TRUE(parsed("null").isNull());
    EXPECT_TRUE(parsed(" true ").asBool());
    EXPECT_FALSE(parsed("false").asBool(true));
    EXPECT_EQ(parsed("0").asInt(), 0);
    EXPECT_EQ(parsed("-42").asInt(), -42);
    EXPECT_EQ(parsed("9007199254740993").asInt(), 9007199254740993LL);  // exact beyond 2^53
    EXPECT_EQ(parsed("-9223372036854775808").asInt(), INT64_MIN);
    EXPECT_TRUE(parsed("9223372036854775808").isNumber());  // overflows int64: kept as double
    EXPECT_FALSE(parsed("9223372036854775808").isInteger());
    EXPECT_DOUBLE_EQ(parsed("1.5e3").asDouble(), 1500.0);
    EXPECT_DOUBLE_EQ(parsed("-0.25").asDouble(), -0.25);
    EXPECT_DOUBLE_EQ(parsed("1E-2").asDouble(), 0.01);
    EXPECT_EQ(parsed("\"hi\"").asString(), "hi");
}

TEST(Json, StringEscapesAndUnicode) {
    EXPECT_EQ(parsed(R"("a\"b\\c\/d\b\f\n\r\t")").asString(), "a\"b\\c/d\b\f\n\r\t");
    EXPECT_EQ(parsed(R"("\u0041\u00e9\u041f")").asString(), "A\xC3\xA9\xD0\x9F");
    EXPECT_EQ(parsed(R"("\ud83d\udc4b")").asString(), "\xF0\x9F\x91\x8B");  // 👋 via a surrogate pair
    EXPECT_EQ(parsed("\"Привет, мир 👋\"").asString(), "Привет, мир 👋");
    EXPECT_EQ(parsed(R"("\u0000")").asString(), std::string(1, '\0'));
}

TEST(Json, ObjectsKeepOrderAndArraysNest) {
    Json v = parsed(R"({"z": 1, "a": [true, null, {"k": "v"}], "m": {}})");
    ASSERT_TRUE(v.isObject());
    ASSERT_EQ(v.members().size(), 3u);
    EXPECT_EQ(v.members()[0].first, "z");
    EXPECT_EQ(v.members()[1].first, "a");
    EXPECT_EQ(v.members()[2].first, "m");
    EXPECT_EQ(v["a"].size(), 3u);
    EXPECT_TRUE(v["a"][0].asBool());
    EXPECT_TRUE(v["a"][1].isNull());
    EXPECT_EQ(v["a"][2]["k"].asString(), "v");
    EXPECT_TRUE(v["missing"]["deeper"][7].isNull());
    EXPECT_EQ(v.getInt("z"), 1);
    EXPECT_EQ(v.getString("z", "fallback"), "fallback");
    EXPECT_EQ(v.dump(), R"({"z":1,"a":[true,null,{"k":"v"}],"m":{}})");
}

TEST(Json, RejectsInvalidText) {
    const char* bad[] = {
        "", " ", "nul", "tru", "True", "[1,]", "[,1]", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{'a':1}", "01", "-",
        "1.", ".5", "1e", "+1", "0x10", "NaN", "Infinity", "1e999", "[1 2]", "[1", "{\"a\":1", "\"abc",
        "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\udc4b\"", "\"\\ud83d\\u0041\"",
        "\"\xC3\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "1 2", "{} x", "// c\n1",
        "{\"a\":1,\"a\":2}",
    };
    for (const char* text : bad) {
        auto r = Json::parse(text);
        EXPECT_FALSE(r.ok()) << "accepted: " << text;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, "bad-json");
        }
    }
}

TEST(Json, DepthAndSizeLimits) {
    std::string deep(64, '[');
    deep += std::string(64, ']');
    EXPECT_TRUE(Json::parse(deep).ok());
    std::string tooDeep(65, '[');
    tooDeep += std::string(65, ']');
    EXPECT_FALSE(Json::parse(tooDeep).ok());
    std::string hostile(1000000, '[');  // must not overflow the stack
    EXPECT_FALSE(Json::parse(hostile).ok());
    Json::Limits small;
    small.maxBytes = 4;
    EXPECT_FALSE(Json::parse("[1,2]", small).ok());
    EXPECT_TRUE(Json::parse("[1]", small).ok());
}

TEST(Json, BuildAndDump) {
    Json v;
    v.set("name", "Иван");
    v.set("count", 3);
    v.set("ratio", 0.1);
    v.set("on", true);
    Json& list = v.set("list", Json::array());
    list.push(1);
    list.push("two");
    list.push(nullptr);
    v.set("count", std::int64_t{4});  // replaces in place
    EXPECT_TRUE(v.erase("name"));
    EXPECT_FALSE(v.erase("name"));
    v.set("text", "quote\" backslash\\ nl\n ctl\x01 bad\xFF");
    EXPECT_EQ(v.dump(), R"({"count":4,"ratio":0.1,"on":true,"list":[1,"two",null],)"
                        R"("text":"quote\" backslash\\ nl\n ctl\u0001 bad)" "\xEF\xBF\xBD" R"("})");
    EXPECT_EQ(Json::object().dump(2), "{}");
    Json small = Json::object();
    small.set("a", Json::Array{1, 2});
    EXPECT_EQ(small.dump(2), "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
}

// Strings are copied in runs between the bytes that need an escape: every escape lands where it was, also
// next to long runs and multi-byte characters, and a string round-trips.
TEST(Json, LongStringsWithEscapesBetweenRuns) {
    const std::string run(50'000, 'x');
    const std::string raw = run + "\"" + "ёжик🦔" + run + "\\\n" + "\xE2\x82" + run + "\x01";
    Json v(raw);
    EXPECT_EQ(v.dump(), "\"" + run + "\\\"" + "ёжик🦔" + run + "\\\\\\n" + "\xEF\xBF\xBD\xEF\xBF\xBD" + run +
                            "\\u0001\"");
    const std::string valid = run + "\"\\\t" + "漢字😀" + run;
    EXPECT_EQ(parsed(Json(valid).dump()).asString(), valid);
    std::string appended = "[";
    Json(valid).dumpTo(appended);
    EXPECT_EQ(appended, "[" + Json(valid).dump());
}

TEST(Json, NumbersRoundTripExactly) {
    const double values[] = {0.1, 1.0 / 3.0, 1e-300, 1.7976931348623157e308, -2.5, 123456789.125};
    for (double d : values) {
        const std::string text = Json(d).dump();
        auto back = Json::parse(text);
        ASSERT_TRUE(back.ok()) << text;
        EXPECT_EQ(back->asDouble(), d) << text;
    }
    EXPECT_EQ(Json(std::nan("")).dump(), "null");  // NaN has no JSON form
    EXPECT_EQ(Json(std::size_t{7}).dump(), "7");
    EXPECT_EQ(Json(-3).dump(), "-3");
    EXPECT_EQ(Json::parse("-0e7")->dump(), "-0");  // found by tests/fuzz/json_fuzz.cpp
    EXPECT_EQ(Json::parse("-0")->dump(), "-0");
}

TEST(Json, RoundTripAndEquality) {
    const char* text = R"({"accounts":[{"jid":"a@b","port":5222,"tls":true,"tags":[]}],"v":1.25,"n":null})";
    Json v = parsed(text);
    EXPECT_EQ(v.dump(), text);
    EXPECT_EQ(parsed(v.dump(2)), v);
    Json reordered = parsed(R"({"n":null,"v":1.25,"accounts":[{"tags":[],"tls":true,"port":5222,"jid":"a@b"}]})");
    EXPECT_EQ(reordered, v);
    Json different = parsed(R"({"n":null,"v":1.25,"accounts":[{"tags":[],"tls":false,"port":5222,"jid":"a@b"}]})");
    EXPECT_FALSE(different == v);
    EXPECT_EQ(parsed("1"), parsed("1.0"));
}

}  // namespace
}  // namespace starling
