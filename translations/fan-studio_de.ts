<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/workspace/EngineWorker.cpp" line="+154"/>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>personalized</source>
        <translation>personalisiert</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>alpha %1</source>
        <translation>Alpha %1</translation>
    </message>
    <message>
        <location filename="../ui/workspace/MainWindow.cpp" line="+56"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/workspace/ReferenceViewer.cpp" line="+32"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="+24"/>
        <location line="+22"/>
        <source>FAN Studio</source>
        <translation>FAN Studio</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Preference-aware personalized text-to-image generation.</source>
        <translation>Präferenzbewusste, personalisierte Text-zu-Bild-Generierung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data directory (default: the preferences&apos; choice, $FAN_STUDIO_DATA_DIR or the user&apos;s app data folder).</source>
        <translation>Datenverzeichnis (Standard: die Wahl in den Einstellungen, $FAN_STUDIO_DATA_DIR oder der App-Datenordner des Benutzers).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A diffusers model folder to load.</source>
        <translation>Ein zu ladender Diffusers-Modellordner.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported profiles (.fanprofile.json) to import.</source>
        <translation>Zu importierende exportierte Profile (.fanprofile.json).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the history store:
%1</source>
        <translation>Der Verlaufsspeicher kann nicht geöffnet werden:
%1</translation>
    </message>
</context>
<context>
    <name>fan::ui::EntryDialog</name>
    <message>
        <location filename="../ui/library/EntryDialog.cpp" line="+42"/>
        <source>Images (%1);;All files (*)</source>
        <translation>Bilder (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Override</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add history entry</source>
        <translation>Verlaufseintrag hinzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the image shows, as you would prompt it</source>
        <translation>Was das Bild zeigt, so wie Sie es als Prompt formulieren würden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The prompt (required)</source>
        <translation>Der Prompt (erforderlich)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Negative prompt (optional)</source>
        <translation>Negativ-Prompt (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unrated</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much you like it: 1-5 stars (unrated counts as 3)</source>
        <translation>Wie gut es Ihnen gefällt: 1–5 Sterne (nicht bewertet zählt als 3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use an explicit weight instead of the automatic one from the rating</source>
        <translation>Eine feste Gewichtung statt der automatischen aus der Bewertung verwenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The entry&apos;s weight in personalization (0 switches it off)</source>
        <translation>Die Gewichtung des Eintrags bei der Personalisierung (0 schaltet ihn ab)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weight the entry gets without an override</source>
        <translation>Die Gewichtung, die der Eintrag ohne feste Vorgabe erhält</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>comma, separated, tags</source>
        <translation>durch, Kommas, getrennte, Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The entry&apos;s image; drop an image file on this dialog to attach it</source>
        <translation>Das Bild des Eintrags; ziehen Sie eine Bilddatei auf diesen Dialog, um sie anzuhängen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose...</source>
        <translation>Auswählen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach an image file</source>
        <translation>Eine Bilddatei anhängen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detach the image from the entry</source>
        <translation>Das Bild vom Eintrag lösen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Negative:</source>
        <translation>&amp;Negativ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rating:</source>
        <translation>&amp;Bewertung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tags:</source>
        <translation>&amp;Schlagwörter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the entry</source>
        <translation>Den Eintrag speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without saving</source>
        <translation>Schließen ohne zu speichern</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit history entry</source>
        <translation>Verlaufseintrag bearbeiten</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Attach an image</source>
        <translation>Ein Bild anhängen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unreadable</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>automatic: %1</source>
        <translation>automatisch: %1</translation>
    </message>
</context>
<context>
    <name>fan::ui::HistoryPanel</name>
    <message>
        <location filename="../ui/library/HistoryPanel.cpp" line="+58"/>
        <source>Include members&apos; entries</source>
        <translation>Einträge der Mitglieder einbeziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set &amp;rating</source>
        <translation>Be&amp;wertung setzen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+343"/>
        <source>Could not change the entry</source>
        <translation>Der Eintrag konnte nicht geändert werden</translation>
    </message>
    <message>
        <location line="-299"/>
        <source>&amp;Add entry...</source>
        <translation>Eintrag &amp;hinzufügen...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a prompt to this profile&apos;s history</source>
        <translation>Einen Prompt zum Verlauf dieses Profils hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit entry...</source>
        <translation>&amp;Eintrag bearbeiten...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit the current entry</source>
        <translation>Den aktuellen Eintrag bearbeiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete entries</source>
        <translation>Ei&amp;nträge löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected entries</source>
        <translation>Die ausgewählten Einträge löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unrated</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the rating of the selected entries (key 0)</source>
        <translation>Die Bewertung der ausgewählten Einträge entfernen (Taste 0)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Rate the selected entries %n star(s) (key %n)</source>
        <translation>
            <numerusform>Die ausgewählten Einträge mit %n Stern bewerten (Taste %n)</numerusform>
            <numerusform>Die ausgewählten Einträge mit %n Sternen bewerten (Taste %n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rate the selected entries (or press 0-5 in the table)</source>
        <translation>Die ausgewählten Einträge bewerten (oder in der Tabelle 0–5 drücken)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set &amp;weight...</source>
        <translation>Gewich&amp;tung setzen...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give the selected entries an explicit weight</source>
        <translation>Den ausgewählten Einträgen eine feste Gewichtung geben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the selected entries&apos; weights follow their ratings</source>
        <translation>Die Gewichtung der ausgewählten Einträge wieder aus ihrer Bewertung ableiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Automatic weig&amp;ht</source>
        <translation>Aut&amp;omatische Gewichtung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &amp;tag...</source>
        <translation>&amp;Schlagwort hinzufügen...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a tag to the selected entries</source>
        <translation>Den ausgewählten Einträgen ein Schlagwort hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach &amp;image...</source>
        <translation>Bild &amp;anhängen...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attach an image file to the current entry (or drop one on a row)</source>
        <translation>Eine Bilddatei an den aktuellen Eintrag anhängen (oder eine auf eine Zeile ziehen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remo&amp;ve image</source>
        <translation>Bild ent&amp;fernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detach the images of the selected entries</source>
        <translation>Die Bilder der ausgewählten Einträge lösen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not remove the image</source>
        <translation>Das Bild konnte nicht entfernt werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import &amp;CSV...</source>
        <translation>&amp;CSV importieren...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add the rows of a CSV file (prompt,rating[,image]) to this profile</source>
        <translation>Die Zeilen einer CSV-Datei (prompt,rating[,image]) zu diesem Profil hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import &amp;JSON...</source>
        <translation>&amp;JSON importieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport JSON...</source>
        <translation>JSON e&amp;xportieren...</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Add the entries of an exported profile (.fanprofile.json) to this profile</source>
        <translation>Die Einträge eines exportierten Profils (.fanprofile.json) zu diesem Profil hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export this profile with everything it holds: a .fanprofile.json file and its images</source>
        <translation>Dieses Profil mit allem, was es enthält, exportieren: eine .fanprofile.json-Datei und ihre Bilder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export C&amp;SV...</source>
        <translation>CS&amp;V exportieren...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export this profile&apos;s prompts, ratings and images as CSV</source>
        <translation>Prompts, Bewertungen und Bilder dieses Profils als CSV exportieren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Filter prompts (Ctrl+F)</source>
        <translation>Prompts filtern (Strg+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only entries whose prompt or negative prompt contains this text</source>
        <translation>Nur Einträge zeigen, deren Prompt oder Negativ-Prompt diesen Text enthält</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only entries with this tag</source>
        <translation>Nur Einträge mit diesem Schlagwort zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only entries rated at least this many stars</source>
        <translation>Nur Einträge mit mindestens so vielen Sternen zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any rating</source>
        <translation>Jede Bewertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 or more</source>
        <translation>%1 oder mehr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list the members&apos; entries (read-only) with their weights: the history this group or brand is personalized with</source>
        <translation>Auch die Einträge der Mitglieder (schreibgeschützt) mit ihrer Gewichtung auflisten: der Verlauf, mit dem diese Gruppe oder Marke personalisiert wird</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entries shown / entries in the history</source>
        <translation>Angezeigte Einträge / Einträge im Verlauf</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Click the stars to rate; double-click a weight to override it; drop an image file on a row</source>
        <translation>Klicken Sie auf die Sterne, um zu bewerten; Doppelklick auf eine Gewichtung legt sie fest; ziehen Sie eine Bilddatei auf eine Zeile</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No profile selected</source>
        <translation>Kein Profil ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Any tag</source>
        <translation>Jedes Schlagwort</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 of %n entry(s)</source>
        <translation>
            <numerusform>%1 von %n Eintrag</numerusform>
            <numerusform>%1 von %n Einträgen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Could not add the entry</source>
        <translation>Der Eintrag konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Delete the entry &quot;%1&quot;?</source>
        <translation>Den Eintrag „%1“ löschen?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n entries?</source>
        <translation>
            <numerusform>%n Eintrag löschen?</numerusform>
            <numerusform>%n Einträge löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete entries</source>
        <translation>Einträge löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not delete the entries</source>
        <translation>Die Einträge konnten nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not set the rating</source>
        <translation>Die Bewertung konnte nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not set the weight</source>
        <translation>Die Gewichtung konnte nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not add the tag</source>
        <translation>Das Schlagwort konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not attach the image</source>
        <translation>Das Bild konnte nicht angehängt werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set weight</source>
        <translation>Gewichtung setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the selected entries (0 switches them off):</source>
        <translation>Gewichtung der ausgewählten Einträge (0 schaltet sie ab):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add tag</source>
        <translation>Schlagwort hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag for the selected entries:</source>
        <translation>Schlagwort für die ausgewählten Einträge:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Attach an image</source>
        <translation>Ein Bild anhängen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+41"/>
        <source>Importing %1...</source>
        <translation>%1 wird importiert...</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+19"/>
        <source>Could not import %1</source>
        <translation>%1 konnte nicht importiert werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+14"/>
        <source>Exporting to %1...</source>
        <translation>Export nach %1...</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+14"/>
        <source>Could not export to %1</source>
        <translation>Export nach %1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import a CSV file</source>
        <translation>Eine CSV-Datei importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the entries of an exported profile</source>
        <translation>Die Einträge eines exportierten Profils importieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not export the profile</source>
        <translation>Das Profil konnte nicht exportiert werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>fan::ui::HistoryTableModel</name>
    <message>
        <location filename="../ui/library/HistoryTableModel.cpp" line="+16"/>
        <source>unrated</source>
        <translation>nicht bewertet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>typed</source>
        <translation>eingegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generated</source>
        <translation>generiert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is not a weight (a number &gt;= 0, or empty for automatic)</source>
        <translation>„%1“ ist keine Gewichtung (eine Zahl &gt;= 0, oder leer für automatisch)</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>1-5 stars: click a star or press 1-5 (0 clears) to rate</source>
        <translation>1–5 Sterne: zum Bewerten auf einen Stern klicken oder 1–5 drücken (0 entfernt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight override: double-click to edit; empty means automatic (rating / 5, or 0.6 unrated)</source>
        <translation>Feste Gewichtung: Doppelklick zum Bearbeiten; leer bedeutet automatisch (Bewertung / 5, oder 0,6 ohne Bewertung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weight the entry gets in personalization (x the member weight)</source>
        <translation>Die Gewichtung, die der Eintrag bei der Personalisierung erhält (× Mitgliedsgewichtung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile the entry belongs to (members&apos; entries are read-only here)</source>
        <translation>Das Profil, zu dem der Eintrag gehört (Einträge von Mitgliedern sind hier schreibgeschützt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach an image with the toolbar or by dropping an image file on a row</source>
        <translation>Hängen Sie ein Bild über die Werkzeugleiste an oder ziehen Sie eine Bilddatei auf eine Zeile</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective weight</source>
        <translation>Wirksame Gewichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>auto (%1)</source>
        <translation>automatisch (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (x%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 x %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1

Negative: %2</source>
        <translation>%1

Negativ: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a star or press 1-5 to rate, 0 to clear</source>
        <translation>Zum Bewerten auf einen Stern klicken oder 1–5 drücken, 0 entfernt die Bewertung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explicit weight %1 (double-click; clear the text for automatic)</source>
        <translation>Feste Gewichtung %1 (Doppelklick; Text leeren für automatisch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic weight %1 from the rating (double-click to override)</source>
        <translation>Automatische Gewichtung %1 aus der Bewertung (Doppelklick zum Festlegen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 x %3 %4</source>
        <translation>%1
%2 × %3 %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No image: drop an image file here to attach one</source>
        <translation>Kein Bild: ziehen Sie eine Bilddatei hierher, um sie anzuhängen</translation>
    </message>
</context>
<context>
    <name>fan::ui::ImagePane</name>
    <message>
        <location filename="../ui/workspace/ImagePane.cpp" line="+27"/>
        <source>Click to enlarge.</source>
        <translation>Zum Vergrößern klicken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PNG with the generation parameters (readable by other SD tools).</source>
        <translation>Als PNG mit den Generierungsparametern speichern (von anderen SD-Werkzeugen lesbar).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the image to the clipboard.</source>
        <translation>Das Bild in die Zwischenablage kopieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I prefer this one</source>
        <translation>Dieses gefällt mir besser</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <source>Record that you prefer this image over the other one of the pair.</source>
        <translation>Festhalten, dass Sie dieses Bild dem anderen des Paares vorziehen.</translation>
    </message>
    <message numerus="yes">
        <location line="-39"/>
        <source>Rate %n star(s): adds the image to the profile&apos;s history with this rating.</source>
        <translation>
            <numerusform>Mit %n Stern bewerten: fügt das Bild mit dieser Bewertung zum Verlauf des Profils hinzu.</numerusform>
            <numerusform>Mit %n Sternen bewerten: fügt das Bild mit dieser Bewertung zum Verlauf des Profils hinzu.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No image yet</source>
        <translation>Noch kein Bild</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+7"/>
        <source>Save image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Could not save the image:
%1</source>
        <translation>Das Bild konnte nicht gespeichert werden:
%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1-%2.png</source>
        <translation>%1-%2.png</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
</context>
<context>
    <name>fan::ui::ImportReportDialog</name>
    <message>
        <location filename="../ui/library/ImportReportDialog.cpp" line="+16"/>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: imported %n entry(s).</source>
        <translation>
            <numerusform>%1: %n Eintrag importiert.</numerusform>
            <numerusform>%1: %n Einträge importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Skipped %n row(s):</source>
        <translation>
            <numerusform>%n Zeile übersprungen:</numerusform>
            <numerusform>%n Zeilen übersprungen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows that were not imported, by line of the file</source>
        <translation>Nicht importierte Zeilen, nach Zeilennummer der Datei</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Close the report</source>
        <translation>Den Bericht schließen</translation>
    </message>
</context>
<context>
    <name>fan::ui::MainWindow</name>
    <message>
        <location filename="../ui/workspace/MainWindow.cpp" line="+7"/>
        <source>FAN Studio</source>
        <translation>FAN Studio</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Profiling plot</source>
        <translation>Profiling-Diagramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+365"/>
        <source>Alpha sweep</source>
        <translation>Alpha-Verlauf</translation>
    </message>
    <message>
        <location line="-364"/>
        <source>How profiling chose the references, and alpha sweeps.</source>
        <translation>Wie das Profiling die Referenzen ausgewählt hat, und Alpha-Verläufe.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose &amp;model folder…</source>
        <translation>&amp;Modellordner wählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a diffusers Stable Diffusion folder (SD 1.x, SD 2.x or SDXL).</source>
        <translation>Einen Stable-Diffusion-Ordner im Diffusers-Format laden (SD 1.x, SD 2.x oder SDXL).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recent models</source>
        <translation>&amp;Zuletzt verwendete Modelle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profiling plot</source>
        <translation>&amp;Profiling-Diagramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alpha sweep</source>
        <translation>&amp;Alpha-Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus history &amp;filter</source>
        <translation>Verlaufs&amp;filter fokussieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Profile again</source>
        <translation>Erneut &amp;profilieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run alpha &amp;sweep</source>
        <translation>Alpha-&amp;Verlauf ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About FAN Studio</source>
        <translation>&amp;Über FAN Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About FAN Studio</source>
        <translation>Über FAN Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;FAN Studio&lt;/b&gt;&lt;br&gt;Preference-aware personalized text-to-image generation with FAN: tailored profiling and personalized attention, on local diffusers models.&lt;br&gt;LibTorch %1, Qt %2.</source>
        <translation>&lt;b&gt;FAN Studio&lt;/b&gt;&lt;br&gt;Präferenzbewusste, personalisierte Text-zu-Bild-Generierung mit FAN: maßgeschneidertes Profiling und personalisierte Attention, mit lokalen Diffusers-Modellen.&lt;br&gt;LibTorch %1, Qt %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+248"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>The loaded model and its pipeline family.</source>
        <translation>Das geladene Modell und seine Pipeline-Familie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the engine runs, and its compute threads.</source>
        <translation>Wo die Engine rechnet, und ihre Rechen-Threads.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resident memory of FAN Studio.</source>
        <translation>Belegter Arbeitsspeicher von FAN Studio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long the last engine task took.</source>
        <translation>Wie lange die letzte Aufgabe der Engine gedauert hat.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <location line="+25"/>
        <source>%1, %n thread(s)</source>
        <translation>
            <numerusform>%1, %n Thread</numerusform>
            <numerusform>%1, %n Threads</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>memory: n/a</source>
        <translation>Speicher: k. A.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>model loaded in %1 s</source>
        <translation>Modell in %1 s geladen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>re-encoded at α %1 in %2 ms</source>
        <translation>bei α %1 in %2 ms neu kodiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α %1: cosine to the target %2, to the references %3</source>
        <translation>α %1: Kosinus zum Ziel %2, zu den Referenzen %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sweep: %1, step %2/%3</source>
        <translation>Alpha-Verlauf: %1, Schritt %2/%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>done in %1 s</source>
        <translation>fertig in %1 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>generation %1</source>
        <translation>Generierung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation failed</source>
        <translation>Generierung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sweep %1</source>
        <translation>Alpha-Verlauf %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep failed</source>
        <translation>Alpha-Verlauf fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+33"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Cannot load the model</source>
        <translation>Das Modell kann nicht geladen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personalization failed: %1</source>
        <translation>Personalisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose a model</source>
        <translation>Ein Modell wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FAN Studio generates images with a Stable Diffusion model in the diffusers folder layout (a folder with model_index.json, unet/, vae/, text_encoder/ and tokenizer/; SD 1.x, SD 2.x and SDXL are supported).

No default model is installed. Choose a model folder you already have; profiles and histories work without one.</source>
        <translation>FAN Studio erzeugt Bilder mit einem Stable-Diffusion-Modell im Diffusers-Ordnerformat (ein Ordner mit model_index.json, unet/, vae/, text_encoder/ und tokenizer/; unterstützt werden SD 1.x, SD 2.x und SDXL).

Es ist kein Standardmodell installiert. Wählen Sie einen vorhandenen Modellordner; Profile und Verläufe funktionieren auch ohne.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a diffusers model folder</source>
        <translation>Einen Diffusers-Modellordner wählen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not a model folder</source>
        <translation>Kein Modellordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading %1 (%2)…</source>
        <translation>%1 (%2) wird geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+48"/>
        <source>Invalid PA layer set: %1</source>
        <translation>Ungültige PA-Schichtauswahl: %1</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Select a profile to see how profiling picks its references.</source>
        <translation>Wählen Sie ein Profil, um zu sehen, wie das Profiling seine Referenzen auswählt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a profile to personalize.</source>
        <translation>Wählen Sie ein Profil zum Personalisieren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load a model to personalize.</source>
        <translation>Laden Sie ein Modell zum Personalisieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a prompt to see its profiling.</source>
        <translation>Geben Sie einen Prompt ein, um sein Profiling zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a prompt to personalize it with %1.</source>
        <translation>Geben Sie einen Prompt ein, um ihn mit %1 zu personalisieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profiling…</source>
        <translation>Profiling läuft…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>profiled in %1 ms</source>
        <translation>in %1 ms profiliert</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Load a model first (File ▸ Choose model folder…).</source>
        <translation>Laden Sie zuerst ein Modell (Datei ▸ Modellordner wählen…).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a prompt first.</source>
        <translation>Geben Sie zuerst einen Prompt ein.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A sweep needs a model, a selected profile and a prompt.</source>
        <translation>Ein Alpha-Verlauf braucht ein Modell, ein ausgewähltes Profil und einen Prompt.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Rating and choosing need a personalized pair of the selected profile.</source>
        <translation>Bewerten und Auswählen brauchen ein personalisiertes Bildpaar des ausgewählten Profils.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Rated %n star(s) and added to %1&apos;s history.</source>
        <translation>
            <numerusform>Mit %n Stern bewertet und zum Verlauf von %1 hinzugefügt.</numerusform>
            <numerusform>Mit %n Sternen bewertet und zum Verlauf von %1 hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rating failed</source>
        <translation>Bewertung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recorded: you prefer the personalized image.</source>
        <translation>Festgehalten: Sie bevorzugen das personalisierte Bild.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded: you prefer the target image.</source>
        <translation>Festgehalten: Sie bevorzugen das Zielbild.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recording the choice failed</source>
        <translation>Die Auswahl konnte nicht festgehalten werden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The data directory and language change when FAN Studio starts next.</source>
        <translation>Datenverzeichnis und Sprache ändern sich beim nächsten Start von FAN Studio.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot open %1.</source>
        <translation>%1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>FAN Studio user guide</source>
        <translation>FAN Studio – Benutzerhandbuch</translation>
    </message>
</context>
<context>
    <name>fan::ui::MembersDialog</name>
    <message>
        <location filename="../ui/library/MembersDialog.cpp" line="+31"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is a user; only groups and brands have members</source>
        <translation>„%1“ ist ein Benutzer; nur Gruppen und Marken haben Mitglieder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members of %1</source>
        <translation>Mitglieder von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The profiles whose entries this %1 is personalized with</source>
        <translation>Die Profile, mit deren Einträgen diese %1 personalisiert wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A profile to add as a member</source>
        <translation>Ein Profil, das als Mitglied hinzugefügt wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the chosen profile as a member (weight 1)</source>
        <translation>Das gewählte Profil als Mitglied hinzufügen (Gewichtung 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected members</source>
        <translation>Die ausgewählten Mitglieder entfernen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save the members and weights</source>
        <translation>Mitglieder und Gewichtungen speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without changing anything</source>
        <translation>Schließen, ohne etwas zu ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A member&apos;s weight multiplies its entries&apos; weights (0 switches the member off).</source>
        <translation>Die Gewichtung eines Mitglieds multipliziert die Gewichtungen seiner Einträge (0 schaltet das Mitglied ab).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Weight of %1&apos;s entries in %2 (0-10)</source>
        <translation>Gewichtung der Einträge von %1 in %2 (0–10)</translation>
    </message>
</context>
<context>
    <name>fan::ui::PersonalizationPanel</name>
    <message>
        <location filename="../ui/workspace/PersonalizationPanel.cpp" line="+45"/>
        <source>Personalization degree α: 0 = the plain target prompt, 1 = only the references&apos; attention.</source>
        <translation>Personalisierungsgrad α: 0 = nur der Zielprompt, 1 = nur die Attention der Referenzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sample size: the share of the history profiling picks as references (0 = every entry, no profiling).</source>
        <translation>Stichprobengröße: der Anteil des Verlaufs, den das Profiling als Referenzen auswählt (0 = jeder Eintrag, kein Profiling).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personalized-attention options (fan-method §3); unchecked keeps the defaults shown.</source>
        <translation>Optionen der personalisierten Attention (fan-method §3); ohne Häkchen gelten die angezeigten Standardwerte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layers personalized attention runs in: all, skip-first, skip:K, or a 0-based list like 2,3,4.</source>
        <translation>Schichten, in denen die personalisierte Attention läuft: all, skip-first, skip:K oder eine bei 0 beginnende Liste wie 2,3,4.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>self</source>
        <translation>selbst</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>joint</source>
        <translation>gemeinsam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the personalized stream does outside the PA layers.</source>
        <translation>Was der personalisierte Strom außerhalb der PA-Schichten tut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the personalized stream starts from.</source>
        <translation>Womit der personalisierte Strom beginnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pipeline default</source>
        <translation>Pipeline-Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The negative condition of classifier-free guidance.</source>
        <translation>Die negative Bedingung der Classifier-free Guidance.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CLIP skip: 1 = the last layer, 2 = the penultimate, …</source>
        <translation>CLIP-Skip: 1 = die letzte Schicht, 2 = die vorletzte, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PA layers</source>
        <translation>PA-Schichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip mode</source>
        <translation>Überspring-Modus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query start</source>
        <translation>Query-Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG negative</source>
        <translation>CFG-Negativ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLIP skip</source>
        <translation>CLIP-Skip</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select a profile to personalize.</source>
        <translation>Wählen Sie ein Profil zum Personalisieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample size</source>
        <translation>Stichprobengröße</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n reference(s) picked from %1 active entries (%2 candidates) in %3 ms.</source>
        <translation>
            <numerusform>%n Referenz aus %1 aktiven Einträgen (%2 Kandidaten) in %3 ms ausgewählt.</numerusform>
            <numerusform>%n Referenzen aus %1 aktiven Einträgen (%2 Kandidaten) in %3 ms ausgewählt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n reference(s): every active entry, no profiling.</source>
        <translation>
            <numerusform>%n Referenz: jeder aktive Eintrag, kein Profiling.</numerusform>
            <numerusform>%n Referenzen: jeder aktive Eintrag, kein Profiling.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/workspace/PreferencesDialog.cpp" line="+25"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default (FAN_STUDIO_DATA_DIR or the app data folder)</source>
        <translation>Standard (FAN_STUDIO_DATA_DIR oder der App-Datenordner)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the history database and images are kept. Takes effect after a restart.</source>
        <translation>Wo die Verlaufsdatenbank und die Bilder liegen. Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the data directory.</source>
        <translation>Das Datenverzeichnis wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Data directory</source>
        <translation>Datenverzeichnis</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Model folders offered by File ▸ Recent models; remove the ones you no longer use.</source>
        <translation>Modellordner, die unter Datei ▸ Zuletzt verwendete Modelle angeboten werden; entfernen Sie die, die Sie nicht mehr nutzen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a diffusers model folder.</source>
        <translation>Einen Diffusers-Modellordner hinzufügen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget the selected model folder (the files stay).</source>
        <translation>Den ausgewählten Modellordner vergessen (die Dateien bleiben erhalten).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA (GPU)</source>
        <translation>CUDA (GPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where models run. CUDA is listed only when this build and machine have a GPU. Takes effect when a model is loaded next.</source>
        <translation>Wo die Modelle laufen. CUDA erscheint nur, wenn dieser Build und dieser Rechner eine GPU haben. Wirkt beim nächsten Laden eines Modells.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One per core</source>
        <translation>Einer pro Kern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute threads for the engine.</source>
        <translation>Rechen-Threads der Engine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System default (%1)</source>
        <translation>Systemstandard (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User interface language (the installed translations). Takes effect after a restart.</source>
        <translation>Sprache der Benutzeroberfläche (die installierten Übersetzungen). Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sampler the prompt area starts with.</source>
        <translation>Der Sampler, mit dem der Prompt-Bereich startet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model folders</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads</source>
        <translation>Rechen-Threads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default sampler</source>
        <translation>Standard-Sampler</translation>
    </message>
</context>
<context>
    <name>fan::ui::PreviewPanel</name>
    <message>
        <location filename="../ui/workspace/PreviewPanel.cpp" line="+16"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The target prompt without personalization.</source>
        <translation>Der Zielprompt ohne Personalisierung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personalized</source>
        <translation>Personalisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same seed with the FAN-personalized condition.</source>
        <translation>Derselbe Seed mit der durch FAN personalisierten Bedingung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Denoising steps of the running generation.</source>
        <translation>Entrauschungsschritte der laufenden Generierung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running generation after its current step (Esc).</source>
        <translation>Die laufende Generierung nach dem aktuellen Schritt anhalten (Esc).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live preview</source>
        <translation>Live-Vorschau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a rough preview of the image at every step.</source>
        <translation>Bei jedem Schritt eine grobe Vorschau des Bildes zeigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The runs of the last batch (seed by seed).</source>
        <translation>Die Durchläufe des letzten Stapels (Seed für Seed).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>starting…</source>
        <translation>startet…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2 of %3): step %v/%m</source>
        <translation>%1 (%2 von %3): Schritt %v/%m</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run %1 (seed %2)</source>
        <translation>Durchlauf %1 (Seed %2)</translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfileFileDialogs</name>
    <message>
        <location filename="../ui/library/ProfileFileDialogs.cpp" line="+10"/>
        <location line="+9"/>
        <source>FAN Studio profile (*%1)</source>
        <translation>FAN-Studio-Profil (*%1)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>JSON (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export profile</source>
        <translation>Profil exportieren</translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfileListModel</name>
    <message>
        <location filename="../ui/library/ProfileListModel.cpp" line="+68"/>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brand</source>
        <translation>Marke</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%1 · %n entry(s)</source>
        <translation>
            <numerusform>%1 · %n Eintrag</numerusform>
            <numerusform>%1 · %n Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> · %n member(s)</source>
        <translation>
            <numerusform> · %n Mitglied</numerusform>
            <numerusform> · %n Mitglieder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfilesPanel</name>
    <message>
        <location filename="../ui/library/ProfilesPanel.cpp" line="+38"/>
        <source>Search profiles</source>
        <translation>Profile durchsuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only profiles whose name contains this text</source>
        <translation>Nur Profile zeigen, deren Name diesen Text enthält</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Users, groups and brands; a group or brand personalizes with its members&apos; entries too</source>
        <translation>Benutzer, Gruppen und Marken; eine Gruppe oder Marke personalisiert auch mit den Einträgen ihrer Mitglieder</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a user, group or brand</source>
        <translation>Einen Benutzer, eine Gruppe oder eine Marke anlegen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>New &amp;user...</source>
        <translation>Neuer &amp;Benutzer...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a user profile: one person&apos;s history</source>
        <translation>Ein Benutzerprofil anlegen: der Verlauf einer Person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;group...</source>
        <translation>Neue &amp;Gruppe...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a group: a library that personalizes with its members&apos; entries</source>
        <translation>Eine Gruppe anlegen: eine Bibliothek, die mit den Einträgen ihrer Mitglieder personalisiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;brand...</source>
        <translation>Neue Mar&amp;ke...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a brand: a preference library shared by a team</source>
        <translation>Eine Marke anlegen: eine Präferenzbibliothek, die ein Team teilt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename the selected profile</source>
        <translation>Das ausgewählte Profil umbenennen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected profile with its entries (and members)</source>
        <translation>Das ausgewählte Profil mit seinen Einträgen (und Mitgliedern) kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected profile with its entries (can be undone)</source>
        <translation>Das ausgewählte Profil mit seinen Einträgen löschen (kann rückgängig gemacht werden)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bring back the last deleted profile with everything it held</source>
        <translation>Das zuletzt gelöschte Profil mit allem, was es enthielt, zurückholen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Members...</source>
        <translation>&amp;Mitglieder...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit the members of the selected group or brand and their weights</source>
        <translation>Die Mitglieder der ausgewählten Gruppe oder Marke und ihre Gewichtungen bearbeiten</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not read the profiles</source>
        <translation>Die Profile konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Re&amp;name...</source>
        <translation>&amp;Umbenennen...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Du&amp;plicate...</source>
        <translation>&amp;Duplizieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De&amp;lete...</source>
        <translation>&amp;Löschen...</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+74"/>
        <source>Und&amp;o delete</source>
        <translation>Löschen &amp;rückgängig machen</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Import pro&amp;file...</source>
        <translation>Profil &amp;importieren...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create profiles from exported profile files (.fanprofile.json)</source>
        <translation>Profile aus exportierten Profildateien (.fanprofile.json) anlegen</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Und&amp;o delete of &apos;%1&apos;</source>
        <translation>Löschen von „%1“ &amp;rückgängig machen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not create the profile</source>
        <translation>Das Profil konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not rename the profile</source>
        <translation>Das Profil konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not duplicate the profile</source>
        <translation>Das Profil konnte nicht dupliziert werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+66"/>
        <source>Could not delete the profile</source>
        <translation>Das Profil konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Could not undo the delete</source>
        <translation>Das Löschen konnte nicht rückgängig gemacht werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 copy</source>
        <translation>%1 Kopie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 copy %2</source>
        <translation>%1 Kopie %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New %1</source>
        <translation>Neu: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (unique across users, groups and brands):</source>
        <translation>Name (eindeutig über Benutzer, Gruppen und Marken hinweg):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Duplicate %1</source>
        <translation>%1 duplizieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the copy:</source>
        <translation>Name der Kopie:</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Delete the %1 &apos;%2&apos; with its %n entry(s), generations and memberships?</source>
        <translation>
            <numerusform>%1 „%2“ mit %n Eintrag, den Generierungen und Mitgliedschaften löschen?</numerusform>
            <numerusform>%1 „%2“ mit %n Einträgen, den Generierungen und Mitgliedschaften löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;Undo delete&quot; brings it back.</source>
        <translation>„Löschen rückgängig machen“ holt es zurück.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not edit the members</source>
        <translation>Die Mitglieder konnten nicht bearbeitet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not change the members</source>
        <translation>Die Mitglieder konnten nicht geändert werden</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not import %1:
%2</source>
        <translation>%1 konnte nicht importiert werden:
%2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>&apos;%1&apos; imported from %2 with %n entry(s).</source>
        <translation>
            <numerusform>„%1“ aus %2 mit %n Eintrag importiert.</numerusform>
            <numerusform>„%1“ aus %2 mit %n Einträgen importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+1"/>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import exported profiles</source>
        <translation>Exportierte Profile importieren</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>&apos;%1&apos; was imported, but these members are not in this library and were left out: %2</source>
        <translation>„%1“ wurde importiert, aber diese Mitglieder gibt es in dieser Bibliothek nicht, sie wurden ausgelassen: %2</translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfilingPlot</name>
    <message>
        <location filename="../ui/workspace/ProfilingPlot.cpp" line="+42"/>
        <source>History prompts (PCA of their conditions; size = weight), the target (star), stage-1 candidates (rings) and the picks in pick order. Click a point to select its entry.</source>
        <translation>Verlaufs-Prompts (PCA ihrer Bedingungen; Größe = Gewichtung), das Ziel (Stern), die Kandidaten der Stufe 1 (Ringe) und die ausgewählten Referenzen in Auswahlreihenfolge. Klicken Sie auf einen Punkt, um seinen Eintrag auszuwählen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a profile and type a prompt to see its profiling.</source>
        <translation>Wählen Sie ein Profil und geben Sie einen Prompt ein, um sein Profiling zu sehen.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>history</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>picks</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PC 1 (%1%)</source>
        <translation>HK 1 (%1 %)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PC 2 (%1%)</source>
        <translation>HK 2 (%1 %)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1
weight %2</source>
        <translation>%1
Gewichtung %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
pick %1</source>
        <translation>
Auswahl %1</translation>
    </message>
</context>
<context>
    <name>fan::ui::PromptPanel</name>
    <message>
        <location filename="../ui/workspace/PromptPanel.cpp" line="+49"/>
        <source>Describe the image (the target prompt)</source>
        <translation>Beschreiben Sie das Bild (der Zielprompt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The target prompt. With a profile selected it is personalized with the profile&apos;s history.</source>
        <translation>Der Zielprompt. Ist ein Profil ausgewählt, wird er mit dem Verlauf des Profils personalisiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Negative prompt (optional)</source>
        <translation>Negativ-Prompt (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the image should not show; empty uses the pipeline&apos;s default.</source>
        <translation>Was das Bild nicht zeigen soll; leer verwendet den Standard der Pipeline.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The diffusers folder images are generated with, and its pipeline family.</source>
        <translation>Der Diffusers-Ordner, mit dem Bilder erzeugt werden, und seine Pipeline-Familie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model…</source>
        <translation>Modell…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a diffusers Stable Diffusion folder (SD 1.x, SD 2.x or SDXL).</source>
        <translation>Einen Stable-Diffusion-Ordner im Diffusers-Format wählen (SD 1.x, SD 2.x oder SDXL).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sampler (scheduler). &apos;Model default&apos; uses the folder&apos;s own.</source>
        <translation>Der Sampler (Scheduler). „Modellstandard“ verwendet den des Ordners.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Denoising steps.</source>
        <translation>Entrauschungsschritte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Classifier-free guidance scale; 1 or less runs without the negative.</source>
        <translation>Guidance-Stärke (CFG); bei 1 oder weniger wird ohne den Negativ-Prompt gerechnet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image width; a multiple of the model&apos;s VAE factor.</source>
        <translation>Bildbreite; ein Vielfaches des VAE-Faktors des Modells.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image height; a multiple of the model&apos;s VAE factor.</source>
        <translation>Bildhöhe; ein Vielfaches des VAE-Faktors des Modells.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Random seed: the same seed and settings give the same image.</source>
        <translation>Zufalls-Seed: derselbe Seed mit denselben Einstellungen ergibt dasselbe Bild.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep this seed for the next runs (unlocked: a new random seed per run).</source>
        <translation>Diesen Seed für die nächsten Durchläufe behalten (entsperrt: pro Durchlauf ein neuer Zufalls-Seed).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a new random seed now.</source>
        <translation>Jetzt einen neuen Zufalls-Seed wählen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Batch count: runs with seeds seed, seed+1, …</source>
        <translation>Stapelgröße: Durchläufe mit den Seeds Seed, Seed+1, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate the target and the personalized image with one seed (Ctrl+Enter).</source>
        <translation>Zielbild und personalisiertes Bild mit einem Seed generieren (Strg+Eingabe).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>Negativ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>W</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>H</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Drop a PNG made by FAN Studio or another Stable Diffusion tool here to reuse its settings.</source>
        <translation>Ziehen Sie ein von FAN Studio oder einem anderen Stable-Diffusion-Werkzeug erzeugtes PNG hierher, um seine Einstellungen zu übernehmen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 holds no generation parameters.</source>
        <translation>%1 enthält keine Generierungsparameter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings from %1: %2.</source>
        <translation>Einstellungen aus %1: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>negative prompt</source>
        <translation>Negativ-Prompt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>guidance</source>
        <translation>Guidance-Stärke</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
%2, default sampler %3, %4×%5</source>
        <translation>%1
%2, Standard-Sampler %3, %4×%5</translation>
    </message>
</context>
<context>
    <name>fan::ui::ReferenceViewer</name>
    <message>
        <location filename="../ui/workspace/ReferenceViewer.cpp" line="+7"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+86"/>
        <source>Pin</source>
        <translation>Fixieren</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+87"/>
        <source>Exclude</source>
        <translation>Ausschließen</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>The references profiling picked, in pick order. Each weight slider changes that reference&apos;s share of the personalized condition.</source>
        <translation>Die vom Profiling ausgewählten Referenzen in Auswahlreihenfolge. Jeder Gewichtungsregler ändert den Anteil dieser Referenz an der personalisierten Bedingung.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick order</source>
        <translation>Auswahlreihenfolge</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The entry&apos;s image</source>
        <translation>Das Bild des Eintrags</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Rated %n star(s)</source>
        <translation>
            <numerusform>Mit %n Stern bewertet</numerusform>
            <numerusform>Mit %n Sternen bewertet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not rated</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>This reference&apos;s weight (%1); 0 switches it off.</source>
        <translation>Gewichtung dieser Referenz (%1); 0 schaltet sie ab.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Only stored history entries can be pinned or excluded.</source>
        <translation>Nur gespeicherte Verlaufseinträge können fixiert oder ausgeschlossen werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Always use this entry as a reference (profile again).</source>
        <translation>Diesen Eintrag immer als Referenz verwenden (erneut profilieren).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave this entry out of profiling (profile again).</source>
        <translation>Diesen Eintrag beim Profiling auslassen (erneut profilieren).</translation>
    </message>
</context>
<context>
    <name>fan::ui::SweepPanel</name>
    <message>
        <location filename="../ui/workspace/SweepPanel.cpp" line="+40"/>
        <source>First alpha of the sweep.</source>
        <translation>Erstes Alpha des Alpha-Verlaufs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last alpha of the sweep (included).</source>
        <translation>Letztes Alpha des Alpha-Verlaufs (eingeschlossen).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alpha step between images.</source>
        <translation>Alpha-Schrittweite zwischen den Bildern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run sweep</source>
        <translation>Alpha-Verlauf starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate one personalized image per alpha with the prompt area&apos;s seed and settings.</source>
        <translation>Pro Alpha ein personalisiertes Bild mit Seed und Einstellungen des Prompt-Bereichs generieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the sweep after the current step.</source>
        <translation>Den Alpha-Verlauf nach dem aktuellen Schritt anhalten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Personalized images by alpha. Click one to use its alpha.</source>
        <translation>Personalisierte Bilder nach Alpha. Klicken Sie auf eines, um sein Alpha zu übernehmen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cosine of each alpha&apos;s personalized condition (token-averaged) to the target&apos;s and to the references&apos; weighted mean.</source>
        <translation>Kosinus der personalisierten Bedingung jedes Alphas (über Tokens gemittelt) zu der des Ziels und zum gewichteten Mittel der Referenzen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to target</source>
        <translation>zum Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to references</source>
        <translation>zu den Referenzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>judged %</source>
        <translation>beurteilt %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>target fidelity</source>
        <translation>Zieltreue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>preference alignment</source>
        <translation>Präferenzübereinstimmung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>Judged over %n image(s): target fidelity %1, preference alignment %2.</source>
        <translation>
            <numerusform>Über %n Bild beurteilt: Zieltreue %1, Präferenzübereinstimmung %2.</numerusform>
            <numerusform>Über %n Bilder beurteilt: Zieltreue %1, Präferenzübereinstimmung %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::WeightDelegate</name>
    <message>
        <location filename="../ui/library/HistoryDelegates.cpp" line="+97"/>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A weight &gt;= 0 (0 switches the entry off); leave empty for automatic</source>
        <translation>Eine Gewichtung &gt;= 0 (0 schaltet den Eintrag ab); leer lassen für automatisch</translation>
    </message>
</context>
</TS>
