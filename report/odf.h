#pragma once

#include <QByteArray>
#include <QString>

namespace nqi::report {

/// How the report looks in a word processor: fonts, language, A4 page.
struct OdfLook
{
    QString westernFont = u"DejaVu Sans"_qs;
    QString asianFont = u"Noto Sans CJK SC"_qs;
    double fontSizePt = 10;
    QString language = u"en"_qs; ///< of the Latin text: en or zh
    double pageWidthMm = 210;
    double pageHeightMm = 297;
    double marginMm = 18;
    QString headingBackground = u"#e3ecf7"_qs; ///< of tables' first rows
};

/**
 * Completes the OpenDocument text Qt's writer makes (QTextDocumentWriter, "odf") with what it
 * leaves out, so that LibreOffice and Word show it as the PDF looks: the page (A4, margins,
 * page numbers in the footer) and the default fonts in a styles.xml; Chinese text in the same
 * size and weight as the Latin text around it (ODF sizes the two scripts apart); tables across
 * the text width (every table of a report spans it) with columns as wide as their longest cell
 * and the first row shaded and repeated on every page. Throws Failure when the document cannot be
 * read.
 */
QByteArray polishOdt(const QByteArray &odt, const OdfLook &look, const QString &fileName);

} // namespace nqi::report
