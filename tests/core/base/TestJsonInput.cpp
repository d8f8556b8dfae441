// JSON from outside: nesting, number range and malformed text are refused with one line that
// names the origin, line and column; everything else parses as nlohmann would.

#include "ErrorOf.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/JsonInput.h"

#include <QtTest>
#include <functional>
#include <string>

using namespace plexus;

using plexus::tests::errorOf;

namespace {

/// The error of parsing @p text as "in.json" (empty when it parses).
std::string parseError(const std::string& text) {
    return errorOf([&] { core::JsonInput::parse(text, "in.json"); });
}

/// `{"x": [[...]]}` with @p lists nested lists (nesting depth lists + 1).
std::string nested(int lists) {
    return "{\"x\": " + std::string(static_cast<std::size_t>(lists), '[') +
           std::string(static_cast<std::size_t>(lists), ']') + "}";
}

} // namespace

class TestJsonInput : public QObject {
    Q_OBJECT

private slots:
    void nestingIsLimited() {
        // The object and 255 lists: 256 levels, the limit, parse.
        QCOMPARE(core::JsonInput::maxDepth, 256);
        QCOMPARE(parseError(nested(255)), std::string());
        // One more is refused where the 257th level opens: column 7 + 255.
        QCOMPARE(parseError(nested(256)),
                 std::string("in.json: line 1, column 262: nesting deeper than 256 levels of "
                             "lists and objects"));
        // 10^5 levels (200 KB) are refused the same way, without recursing.
        QCOMPARE(parseError(nested(100000)),
                 std::string("in.json: line 1, column 262: nesting deeper than 256 levels of "
                             "lists and objects"));
        // Unclosed, on a later line, after characters of two bytes: columns count characters.
        const std::string text = "{\"a\": 1,\n\"\u00e9\u00e9\": " + std::string(300, '[');
        QCOMPARE(parseError(text),
                 std::string("in.json: line 2, column 262: nesting deeper than 256 levels of "
                             "lists and objects"));
    }

    void bracketsInStringsDoNotNest() {
        const std::string many(5000, '[');
        const auto doc = core::JsonInput::parse(
            "{\"a\": \"" + many + "\", \"b\": \"\\\"" + many + "\\\\\", \"c\": [1]}", "in.json");
        QCOMPARE(doc["a"].get<std::string>().size(), std::size_t(5000));
        QCOMPARE(doc["b"].get<std::string>().size(), std::size_t(5002));
        QCOMPARE(doc["c"][0].get<int>(), 1);
    }

    void numbersKeptAsWrittenParse_data() {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("dumped");
        QTest::newRow("uint64 max") << "18446744073709551615"
                                    << "18446744073709551615";
        QTest::newRow("int64 min") << "-9223372036854775808"
                                   << "-9223372036854775808";
        QTest::newRow("largest double") << "1.7976931348623157e308"
                                        << "1.7976931348623157e+308";
        QTest::newRow("underflow to zero") << "1e-999"
                                           << "0.0";
        QTest::newRow("zero with a huge exponent") << "0e999999"
                                                   << "0.0";
        QTest::newRow("a long fraction") << ("0." + QString(400, '3')) << "0.3333333333333333";
    }

    void numbersKeptAsWrittenParse() {
        QFETCH(QString, number);
        QFETCH(QString, dumped);
        const auto doc = core::JsonInput::parse("[" + number.toStdString() + "]", "in.json");
        QCOMPARE(QString::fromStdString(doc[0].dump()), dumped);
    }

    void numbersOutOfRangeAreRefused_data() {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1e999") << "1e999"
                               << "in.json: line 1, column 7: number 1e999 is out of range "
                                  "(beyond +-1.8e308)";
        QTest::newRow("-1e309") << "-1e309"
                                << "in.json: line 1, column 7: number -1e309 is";
        QTest::newRow("1E+400") << "1E+400"
                                << "in.json: line 1, column 7: number 1E+400 is";
        QTest::newRow("digits before the point")
            << ("1" + QString(310, '0') + ".5") << "in.json: line 1, column 7: number 1000";
        QTest::newRow("2^64") << "18446744073709551616"
                              << "in.json: line 1, column 7: integer 18446744073709551616 is out "
                                 "of range (integers must lie in [-9223372036854775808, "
                                 "18446744073709551615])";
        QTest::newRow("below int64") << "-9223372036854775809"
                                     << "in.json: line 1, column 7: integer -9223372036854775809";
        QTest::newRow("400 digits") << QString(400, '9')
                                    << "in.json: line 1, column 7: integer 9999999999999999999999"
                                       "999999999999999999... (400 characters) is out of range";
    }

    void numbersOutOfRangeAreRefused() {
        QFETCH(QString, number);
        QFETCH(QString, expected);
        const std::string message = parseError("{\"n\": " + number.toStdString() + "}");
        QVERIFY2(message.rfind(expected.toStdString(), 0) == 0, message.c_str());
        QVERIFY2(message.size() < 250, message.c_str());
    }

    void malformedTextNamesLineAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << "{\"a\": [1, 2"
                                   << "in.json: line 1, column 12: malformed JSON (syntax error";
        QTest::newRow("second line") << "{\"a\": 1,\n \"b\": tru}"
                                     << "in.json: line 2, column 10: malformed JSON (syntax error";
        QTest::newRow("NaN") << "[NaN]"
                             << "in.json: line 1, column 2: malformed JSON";
        QTest::newRow("Infinity") << "[-Infinity]"
                                  << "in.json: line 1, column 3: malformed JSON";
        QTest::newRow("empty") << ""
                               << "in.json: line 1, column 1: malformed JSON";
        QTest::newRow("bad UTF-8")
            << QString::fromLatin1("[\"\xff\"]") << "in.json: line 1, column 3: malformed JSON";
    }

    void malformedTextNamesLineAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        // Latin-1 keeps the row's bytes as written (0xff stays one invalid byte).
        const QByteArray bytes =
            QTest::currentDataTag() == QByteArray("bad UTF-8") ? text.toLatin1() : text.toUtf8();
        const std::string message = parseError(bytes.toStdString());
        QVERIFY2(message.rfind(expected.toStdString(), 0) == 0, message.c_str());
        QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
    }

    void longParserMessagesAreShortened() {
        // nlohmann quotes the whole last token: a string of 10^5 characters before the error.
        const std::string message = parseError("[\"" + std::string(100000, 'a') + "\u0001\"]");
        QVERIFY2(message.rfind("in.json: line 1, column ", 0) == 0, message.c_str());
        QVERIFY2(message.size() < 300, message.c_str());
    }

    void readNamesTheFile() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("missing.json").toStdString();
        QCOMPARE(errorOf([&] { core::JsonInput::read(missing); }), missing + ": no such file");
        QCOMPARE(errorOf([&] { core::JsonInput::read(dir.path().toStdString()); }),
                 dir.path().toStdString() + ": is a directory, not a file");
        QFile file(dir.filePath("deep.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(nested(1000)));
        file.close();
        QCOMPARE(errorOf([&] { core::JsonInput::read(file.fileName().toStdString()); }),
                 file.fileName().toStdString() +
                     ": line 1, column 262: nesting deeper than 256 levels of lists and objects");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"ok\": [1, 2.5, \"three\"]}");
        file.close();
        QCOMPARE(core::JsonInput::read(file.fileName().toStdString())["ok"][1].get<double>(), 2.5);
    }
};

QTEST_APPLESS_MAIN(TestJsonInput)
#include "TestJsonInput.moc"
