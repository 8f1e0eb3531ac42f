/**
 * A CDA document carrying the known stylesheet attacks (script, event handlers, remote images,
 * javascript: links, disguised media), for the reader's and the viewer's tests.
 */

export const PNG_1X1_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const SVG_WITH_SCRIPT_BASE64 = btoa(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);

export const hostileCda = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:evil="urn:evil">
  <evil:payload><evil:run onload="steal()"/></evil:payload>
  <unknownHeaderElement>ignored</unknownHeaderElement>
  <title>Hostile document</title>
  <recordTarget><patientRole><id root="1.2.250.1.213.1.4.10" extension="279035121518989"/>
    <patient><name><family qualifier="BR">PAT-TROIS</family><given>DOMINIQUE</given></name></patient>
  </patientRole></recordTarget>
  <component><structuredBody><component><section>
    <title>Section</title>
    <text>
      <paragraph onclick="steal()" ID="p1" style="color:red">Visible paragraph</paragraph>
      <script>alert('script in the HL7 namespace')</script>
      <xhtml:script>stealCookies()</xhtml:script>
      <style>body { evilStyle: 1 }</style>
      <iframe src="javascript:alert(2)">iframe fallback</iframe>
      <paragraph><![CDATA[<script>cdataMarker()</script>]]></paragraph>
      <table onmouseover="steal()" border="1">
        <tbody>
          <tr><td colspan="2" onerror="steal()">Cell text</td><td rowspan="2; background:url(https://tracker.example/t.gif)">x</td></tr>
        </tbody>
      </table>
      <xhtml:img src="https://tracker.example/pixel.gif" onerror="steal()"/>
      <img src="https://tracker.example/p.gif"/>
      <paragraph>
        <linkHtml href="javascript:alert(3)">Click me</linkHtml>
        <linkHtml href=" &#106;avascript:alert(4)">Obfuscated</linkHtml>
        <linkHtml href="https://example.org/info" onclick="steal()">Reference site</linkHtml>
      </paragraph>
      <blink onmouseover="steal()">Unknown element text</blink>
      <content styleCode="Bold Underline xx" style="position:fixed">styled</content>
      <renderMultiMedia referencedObject="img1"><caption>Inline image</caption></renderMultiMedia>
      <renderMultiMedia referencedObject="remote"/>
      <renderMultiMedia referencedObject="svg"/>
      <renderMultiMedia referencedObject="missing"/>
    </text>
    <entry><observationMedia ID="img1"><value mediaType="image/png" representation="B64">${PNG_1X1_BASE64}</value></observationMedia></entry>
    <entry><observationMedia ID="remote"><value mediaType="image/png"><reference value="https://tracker.example/x.png"/></value></observationMedia></entry>
    <entry><observationMedia ID="svg"><value mediaType="image/png" representation="B64">${SVG_WITH_SCRIPT_BASE64}</value></observationMedia></entry>
  </section></component></structuredBody></component>
</ClinicalDocument>`;
