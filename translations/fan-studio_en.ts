<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fan::ui::HistoryPanel</name>
    <message numerus="yes">
        <location filename="../ui/library/HistoryPanel.cpp" line="+121"/>
        <source>Rate the selected entries %n star(s) (key %n)</source>
        <translation>
            <numerusform>Rate the selected entries %n star (key %n)</numerusform>
            <numerusform>Rate the selected entries %n stars (key %n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+210"/>
        <source>%1 of %n entry(s)</source>
        <translation>
            <numerusform>%1 of %n entry</numerusform>
            <numerusform>%1 of %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+84"/>
        <source>Delete %n entries?</source>
        <translation>
            <numerusform>Delete %n entry?</numerusform>
            <numerusform>Delete %n entries?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ImagePane</name>
    <message numerus="yes">
        <location filename="../ui/workspace/ImagePane.cpp" line="+49"/>
        <source>Rate %n star(s): adds the image to the profile&apos;s history with this rating.</source>
        <translation>
            <numerusform>Rate %n star: adds the image to the profile&apos;s history with this rating.</numerusform>
            <numerusform>Rate %n stars: adds the image to the profile&apos;s history with this rating.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ImportReportDialog</name>
    <message numerus="yes">
        <location filename="../ui/library/ImportReportDialog.cpp" line="+19"/>
        <source>%1: imported %n entry(s).</source>
        <translation>
            <numerusform>%1: imported %n entry.</numerusform>
            <numerusform>%1: imported %n entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Skipped %n row(s):</source>
        <translation>
            <numerusform>Skipped %n row:</numerusform>
            <numerusform>Skipped %n rows:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/workspace/MainWindow.cpp" line="+186"/>
        <location line="+25"/>
        <source>%1, %n thread(s)</source>
        <translation>
            <numerusform>%1, %n thread</numerusform>
            <numerusform>%1, %n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+281"/>
        <source>Rated %n star(s) and added to %1&apos;s history.</source>
        <translation>
            <numerusform>Rated %n star and added to %1&apos;s history.</numerusform>
            <numerusform>Rated %n stars and added to %1&apos;s history.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::PersonalizationPanel</name>
    <message numerus="yes">
        <location filename="../ui/workspace/PersonalizationPanel.cpp" line="+159"/>
        <source>%n reference(s) picked from %1 active entries (%2 candidates) in %3 ms.</source>
        <translation>
            <numerusform>%n reference picked from %1 active entries (%2 candidates) in %3 ms.</numerusform>
            <numerusform>%n references picked from %1 active entries (%2 candidates) in %3 ms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n reference(s): every active entry, no profiling.</source>
        <translation>
            <numerusform>%n reference: every active entry, no profiling.</numerusform>
            <numerusform>%n references: every active entry, no profiling.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfileListModel</name>
    <message numerus="yes">
        <location filename="../ui/library/ProfileListModel.cpp" line="+106"/>
        <source>%1 · %n entry(s)</source>
        <translation>
            <numerusform>%1 · %n entry</numerusform>
            <numerusform>%1 · %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> · %n member(s)</source>
        <translation>
            <numerusform> · %n member</numerusform>
            <numerusform> · %n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfilesPanel</name>
    <message numerus="yes">
        <location filename="../ui/library/ProfilesPanel.cpp" line="+299"/>
        <source>Delete the %1 &apos;%2&apos; with its %n entry(s), generations and memberships?</source>
        <translation>
            <numerusform>Delete the %1 &apos;%2&apos; with its %n entry, generations and memberships?</numerusform>
            <numerusform>Delete the %1 &apos;%2&apos; with its %n entries, generations and memberships?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>&apos;%1&apos; imported from %2 with %n entry(s).</source>
        <translation>
            <numerusform>&apos;%1&apos; imported from %2 with %n entry.</numerusform>
            <numerusform>&apos;%1&apos; imported from %2 with %n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ReferenceViewer</name>
    <message numerus="yes">
        <location filename="../ui/workspace/ReferenceViewer.cpp" line="+87"/>
        <source>Rated %n star(s)</source>
        <translation>
            <numerusform>Rated %n star</numerusform>
            <numerusform>Rated %n stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::SweepPanel</name>
    <message numerus="yes">
        <location filename="../ui/workspace/SweepPanel.cpp" line="+135"/>
        <source>Judged over %n image(s): target fidelity %1, preference alignment %2.</source>
        <translation>
            <numerusform>Judged over %n image: target fidelity %1, preference alignment %2.</numerusform>
            <numerusform>Judged over %n images: target fidelity %1, preference alignment %2.</numerusform>
        </translation>
    </message>
</context>
</TS>
