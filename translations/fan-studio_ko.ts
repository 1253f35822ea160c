<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/workspace/EngineWorker.cpp" line="+154"/>
        <source>target</source>
        <translation>대상</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>personalized</source>
        <translation>개인화</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>alpha %1</source>
        <translation>알파 %1</translation>
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
        <translation>선호도를 반영한 개인화 텍스트-이미지 생성.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data directory (default: the preferences&apos; choice, $FAN_STUDIO_DATA_DIR or the user&apos;s app data folder).</source>
        <translation>데이터 디렉터리 (기본값: 환경설정에서 선택한 값, $FAN_STUDIO_DATA_DIR 또는 사용자의 앱 데이터 폴더).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A diffusers model folder to load.</source>
        <translation>불러올 diffusers 모델 폴더.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported profiles (.fanprofile.json) to import.</source>
        <translation>가져올 내보낸 프로필(.fanprofile.json).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the history store:
%1</source>
        <translation>기록 저장소를 열 수 없습니다:
%1</translation>
    </message>
</context>
<context>
    <name>fan::ui::EntryDialog</name>
    <message>
        <location filename="../ui/library/EntryDialog.cpp" line="+42"/>
        <source>Images (%1);;All files (*)</source>
        <translation>이미지 (%1);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Override</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add history entry</source>
        <translation>기록 항목 추가</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the image shows, as you would prompt it</source>
        <translation>이미지의 내용을 프롬프트로 쓰듯이 적으세요</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The prompt (required)</source>
        <translation>프롬프트 (필수)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Negative prompt (optional)</source>
        <translation>네거티브 프롬프트 (선택 사항)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unrated</source>
        <translation>평점 없음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much you like it: 1-5 stars (unrated counts as 3)</source>
        <translation>얼마나 마음에 드는지: 별 1~5개 (평점 없음은 3으로 계산)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use an explicit weight instead of the automatic one from the rating</source>
        <translation>평점에서 자동으로 계산한 가중치 대신 직접 지정한 가중치 사용</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The entry&apos;s weight in personalization (0 switches it off)</source>
        <translation>개인화에서 이 항목의 가중치 (0이면 사용하지 않음)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weight the entry gets without an override</source>
        <translation>직접 지정하지 않을 때 항목이 받는 가중치</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>comma, separated, tags</source>
        <translation>쉼표로, 구분한, 태그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags, separated by commas</source>
        <translation>태그 (쉼표로 구분)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The entry&apos;s image; drop an image file on this dialog to attach it</source>
        <translation>항목의 이미지입니다. 이미지 파일을 이 대화 상자에 끌어다 놓으면 첨부됩니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose...</source>
        <translation>선택...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach an image file</source>
        <translation>이미지 파일 첨부</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detach the image from the entry</source>
        <translation>항목에서 이미지 분리</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Prompt:</source>
        <translation>프롬프트(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Negative:</source>
        <translation>네거티브(&amp;N):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rating:</source>
        <translation>평점(&amp;R):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Weight:</source>
        <translation>가중치(&amp;W):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tags:</source>
        <translation>태그(&amp;T):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image:</source>
        <translation>이미지:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the entry</source>
        <translation>항목 저장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without saving</source>
        <translation>저장하지 않고 닫기</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit history entry</source>
        <translation>기록 항목 편집</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Attach an image</source>
        <translation>이미지 첨부</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No image</source>
        <translation>이미지 없음</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>automatic: %1</source>
        <translation>자동: %1</translation>
    </message>
</context>
<context>
    <name>fan::ui::HistoryPanel</name>
    <message>
        <location filename="../ui/library/HistoryPanel.cpp" line="+58"/>
        <source>Include members&apos; entries</source>
        <translation>멤버의 항목 포함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set &amp;rating</source>
        <translation>평점 설정(&amp;N)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+343"/>
        <source>Could not change the entry</source>
        <translation>항목을 변경할 수 없습니다</translation>
    </message>
    <message>
        <location line="-299"/>
        <source>&amp;Add entry...</source>
        <translation>항목 추가(&amp;A)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a prompt to this profile&apos;s history</source>
        <translation>이 프로필의 기록에 프롬프트 추가</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit entry...</source>
        <translation>항목 편집(&amp;E)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit the current entry</source>
        <translation>현재 항목 편집</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete entries</source>
        <translation>항목 삭제(&amp;K)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected entries</source>
        <translation>선택한 항목 삭제</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unrated</source>
        <translation>평점 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the rating of the selected entries (key 0)</source>
        <translation>선택한 항목의 평점 지우기 (키 0)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Rate the selected entries %n star(s) (key %n)</source>
        <translation>
            <numerusform>선택한 항목에 별 %n개 평점 매기기 (키 %n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rate the selected entries (or press 0-5 in the table)</source>
        <translation>선택한 항목에 평점 매기기 (또는 표에서 0~5 키)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set &amp;weight...</source>
        <translation>가중치 설정(&amp;W)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give the selected entries an explicit weight</source>
        <translation>선택한 항목에 가중치를 직접 지정</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the selected entries&apos; weights follow their ratings</source>
        <translation>선택한 항목의 가중치를 평점에 따라 자동으로 정하기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Automatic weig&amp;ht</source>
        <translation>자동 가중치(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &amp;tag...</source>
        <translation>태그 추가(&amp;T)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a tag to the selected entries</source>
        <translation>선택한 항목에 태그 추가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach &amp;image...</source>
        <translation>이미지 첨부(&amp;P)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attach an image file to the current entry (or drop one on a row)</source>
        <translation>현재 항목에 이미지 파일 첨부 (또는 행에 끌어다 놓기)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remo&amp;ve image</source>
        <translation>이미지 제거(&amp;V)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detach the images of the selected entries</source>
        <translation>선택한 항목의 이미지 분리</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not remove the image</source>
        <translation>이미지를 제거할 수 없습니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import &amp;CSV...</source>
        <translation>CSV 가져오기(&amp;C)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add the rows of a CSV file (prompt,rating[,image]) to this profile</source>
        <translation>CSV 파일의 행(prompt,rating[,image])을 이 프로필에 추가</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import &amp;JSON...</source>
        <translation>JSON 가져오기(&amp;J)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport JSON...</source>
        <translation>JSON 내보내기(&amp;X)...</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Add the entries of an exported profile (.fanprofile.json) to this profile</source>
        <translation>내보낸 프로필(.fanprofile.json)의 항목을 이 프로필에 추가</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export this profile with everything it holds: a .fanprofile.json file and its images</source>
        <translation>이 프로필과 그 모든 내용을 내보내기: .fanprofile.json 파일과 이미지</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export C&amp;SV...</source>
        <translation>CSV 내보내기(&amp;S)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export this profile&apos;s prompts, ratings and images as CSV</source>
        <translation>이 프로필의 프롬프트, 평점, 이미지를 CSV로 내보내기</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Filter prompts (Ctrl+F)</source>
        <translation>프롬프트 필터 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only entries whose prompt or negative prompt contains this text</source>
        <translation>프롬프트나 네거티브 프롬프트에 이 텍스트가 있는 항목만 표시</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only entries with this tag</source>
        <translation>이 태그가 있는 항목만 표시</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only entries rated at least this many stars</source>
        <translation>별점이 이 값 이상인 항목만 표시</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any rating</source>
        <translation>모든 평점</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 or more</source>
        <translation>%1 이상</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list the members&apos; entries (read-only) with their weights: the history this group or brand is personalized with</source>
        <translation>멤버의 항목도 가중치와 함께 표시 (읽기 전용): 이 그룹이나 브랜드의 개인화에 쓰이는 기록</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entries shown / entries in the history</source>
        <translation>표시된 항목 / 기록의 항목</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Click the stars to rate; double-click a weight to override it; drop an image file on a row</source>
        <translation>별을 클릭해 평점을 매기고, 가중치를 더블클릭해 직접 지정하고, 이미지 파일을 행에 끌어다 놓으세요</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No profile selected</source>
        <translation>선택한 프로필 없음</translation>
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
        <translation>모든 태그</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 of %n entry(s)</source>
        <translation>
            <numerusform>%n개 항목 중 %1개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n개 항목</numerusform>
        </translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Could not add the entry</source>
        <translation>항목을 추가할 수 없습니다</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Delete the entry &quot;%1&quot;?</source>
        <translation>&quot;%1&quot; 항목을 삭제하시겠습니까?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n entries?</source>
        <translation>
            <numerusform>항목 %n개를 삭제하시겠습니까?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete entries</source>
        <translation>항목 삭제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This cannot be undone.</source>
        <translation>이 작업은 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not delete the entries</source>
        <translation>항목을 삭제할 수 없습니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not set the rating</source>
        <translation>평점을 설정할 수 없습니다</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not set the weight</source>
        <translation>가중치를 설정할 수 없습니다</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not add the tag</source>
        <translation>태그를 추가할 수 없습니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not attach the image</source>
        <translation>이미지를 첨부할 수 없습니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set weight</source>
        <translation>가중치 설정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the selected entries (0 switches them off):</source>
        <translation>선택한 항목의 가중치 (0이면 사용하지 않음):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag for the selected entries:</source>
        <translation>선택한 항목에 붙일 태그:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Attach an image</source>
        <translation>이미지 첨부</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+41"/>
        <source>Importing %1...</source>
        <translation>%1 가져오는 중...</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+19"/>
        <source>Could not import %1</source>
        <translation>%1을(를) 가져올 수 없습니다</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+14"/>
        <source>Exporting to %1...</source>
        <translation>%1(으)로 내보내는 중...</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+14"/>
        <source>Could not export to %1</source>
        <translation>%1(으)로 내보낼 수 없습니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import a CSV file</source>
        <translation>CSV 파일 가져오기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the entries of an exported profile</source>
        <translation>내보낸 프로필의 항목 가져오기</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not export the profile</source>
        <translation>프로필을 내보낼 수 없습니다</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export as CSV</source>
        <translation>CSV로 내보내기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
</context>
<context>
    <name>fan::ui::HistoryTableModel</name>
    <message>
        <location filename="../ui/library/HistoryTableModel.cpp" line="+16"/>
        <source>unrated</source>
        <translation>평점 없음</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>typed</source>
        <translation>직접 입력</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported</source>
        <translation>가져옴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generated</source>
        <translation>생성됨</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is not a weight (a number &gt;= 0, or empty for automatic)</source>
        <translation>&apos;%1&apos;은(는) 가중치가 아닙니다 (0 이상의 숫자, 또는 자동이면 비워 두기)</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>1-5 stars: click a star or press 1-5 (0 clears) to rate</source>
        <translation>별 1~5개: 별을 클릭하거나 1~5 키를 눌러 평점 매기기 (0은 지우기)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight override: double-click to edit; empty means automatic (rating / 5, or 0.6 unrated)</source>
        <translation>직접 지정한 가중치: 더블클릭해 편집, 비우면 자동 (평점 / 5, 평점 없음은 0.6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weight the entry gets in personalization (x the member weight)</source>
        <translation>개인화에서 항목이 받는 가중치 (× 멤버 가중치)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile the entry belongs to (members&apos; entries are read-only here)</source>
        <translation>항목이 속한 프로필 (멤버의 항목은 여기서 읽기 전용)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach an image with the toolbar or by dropping an image file on a row</source>
        <translation>도구 모음으로 이미지를 첨부하거나 이미지 파일을 행에 끌어다 놓으세요</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating</source>
        <translation>평점</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective weight</source>
        <translation>실제 가중치</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>소속</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>auto (%1)</source>
        <translation>자동 (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>꺼짐</translation>
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

네거티브: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a star or press 1-5 to rate, 0 to clear</source>
        <translation>별을 클릭하거나 1~5 키로 평점 매기기, 0은 지우기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explicit weight %1 (double-click; clear the text for automatic)</source>
        <translation>직접 지정한 가중치 %1 (더블클릭, 자동으로 하려면 텍스트 지우기)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic weight %1 from the rating (double-click to override)</source>
        <translation>평점에서 계산한 자동 가중치 %1 (더블클릭해 직접 지정)</translation>
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
        <translation>이미지 없음: 이미지 파일을 여기에 끌어다 놓으면 첨부됩니다</translation>
    </message>
</context>
<context>
    <name>fan::ui::ImagePane</name>
    <message>
        <location filename="../ui/workspace/ImagePane.cpp" line="+27"/>
        <source>Click to enlarge.</source>
        <translation>클릭하면 확대됩니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PNG with the generation parameters (readable by other SD tools).</source>
        <translation>생성 매개변수와 함께 PNG로 저장 (다른 SD 도구에서 읽을 수 있음).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the image to the clipboard.</source>
        <translation>이미지를 클립보드에 복사합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I prefer this one</source>
        <translation>이 이미지가 더 좋음</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <source>Record that you prefer this image over the other one of the pair.</source>
        <translation>이 쌍에서 다른 이미지보다 이 이미지를 더 선호한다고 기록합니다.</translation>
    </message>
    <message numerus="yes">
        <location line="-39"/>
        <source>Rate %n star(s): adds the image to the profile&apos;s history with this rating.</source>
        <translation>
            <numerusform>별 %n개: 이 평점으로 이미지를 프로필의 기록에 추가합니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No image yet</source>
        <translation>아직 이미지 없음</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+7"/>
        <source>Save image</source>
        <translation>이미지 저장</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Could not save the image:
%1</source>
        <translation>이미지를 저장할 수 없습니다:
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
        <translation>PNG 이미지 (*.png)</translation>
    </message>
</context>
<context>
    <name>fan::ui::ImportReportDialog</name>
    <message>
        <location filename="../ui/library/ImportReportDialog.cpp" line="+16"/>
        <source>Import report</source>
        <translation>가져오기 보고서</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: imported %n entry(s).</source>
        <translation>
            <numerusform>%1: 항목 %n개를 가져왔습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Skipped %n row(s):</source>
        <translation>
            <numerusform>건너뛴 행 %n개:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line</source>
        <translation>줄</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows that were not imported, by line of the file</source>
        <translation>가져오지 않은 행 (파일의 줄 번호순)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Close the report</source>
        <translation>보고서 닫기</translation>
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
        <translation>프로파일링 플롯</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+365"/>
        <source>Alpha sweep</source>
        <translation>알파 스윕</translation>
    </message>
    <message>
        <location line="-364"/>
        <source>How profiling chose the references, and alpha sweeps.</source>
        <translation>프로파일링이 참조를 고른 방식과 알파 스윕.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose &amp;model folder…</source>
        <translation>모델 폴더 선택(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a diffusers Stable Diffusion folder (SD 1.x, SD 2.x or SDXL).</source>
        <translation>diffusers 형식의 Stable Diffusion 폴더를 불러옵니다 (SD 1.x, SD 2.x 또는 SDXL).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recent models</source>
        <translation>최근 모델(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Preferences…</source>
        <translation>환경설정(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profiling plot</source>
        <translation>프로파일링 플롯(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alpha sweep</source>
        <translation>알파 스윕(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus history &amp;filter</source>
        <translation>기록 필터로 이동(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>&amp;Generate</source>
        <translation>생성(&amp;G)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Profile again</source>
        <translation>다시 프로파일링(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run alpha &amp;sweep</source>
        <translation>알파 스윕 실행(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>취소(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User guide</source>
        <translation>사용자 안내서(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About FAN Studio</source>
        <translation>FAN Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About FAN Studio</source>
        <translation>FAN Studio 정보</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;FAN Studio&lt;/b&gt;&lt;br&gt;Preference-aware personalized text-to-image generation with FAN: tailored profiling and personalized attention, on local diffusers models.&lt;br&gt;LibTorch %1, Qt %2.</source>
        <translation>&lt;b&gt;FAN Studio&lt;/b&gt;&lt;br&gt;FAN을 이용한 선호도 반영 개인화 텍스트-이미지 생성: 맞춤형 프로파일링과 개인화 어텐션, 로컬 diffusers 모델에서 실행.&lt;br&gt;LibTorch %1, Qt %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+248"/>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>The loaded model and its pipeline family.</source>
        <translation>불러온 모델과 그 파이프라인 계열.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the engine runs, and its compute threads.</source>
        <translation>엔진이 실행되는 장치와 연산 스레드 수.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resident memory of FAN Studio.</source>
        <translation>FAN Studio의 상주 메모리.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long the last engine task took.</source>
        <translation>마지막 엔진 작업에 걸린 시간.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <location line="+25"/>
        <source>%1, %n thread(s)</source>
        <translation>
            <numerusform>%1, 스레드 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>memory: n/a</source>
        <translation>메모리: 알 수 없음</translation>
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
        <translation>모델을 %1초 만에 불러옴</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>re-encoded at α %1 in %2 ms</source>
        <translation>α %1에서 %2ms 만에 다시 인코딩함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α %1: cosine to the target %2, to the references %3</source>
        <translation>α %1: 대상과의 코사인 %2, 참조와의 코사인 %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sweep: %1, step %2/%3</source>
        <translation>스윕: %1, 단계 %2/%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>done in %1 s</source>
        <translation>%1초 만에 완료</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>generation %1</source>
        <translation>생성 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation failed</source>
        <translation>생성 실패</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sweep %1</source>
        <translation>스윕 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep failed</source>
        <translation>스윕 실패</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+33"/>
        <source>No model loaded</source>
        <translation>불러온 모델 없음</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Cannot load the model</source>
        <translation>모델을 불러올 수 없습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personalization failed: %1</source>
        <translation>개인화 실패: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose a model</source>
        <translation>모델 선택</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FAN Studio generates images with a Stable Diffusion model in the diffusers folder layout (a folder with model_index.json, unet/, vae/, text_encoder/ and tokenizer/; SD 1.x, SD 2.x and SDXL are supported).

No default model is installed. Choose a model folder you already have; profiles and histories work without one.</source>
        <translation>FAN Studio는 diffusers 폴더 구조의 Stable Diffusion 모델로 이미지를 생성합니다 (model_index.json, unet/, vae/, text_encoder/, tokenizer/가 있는 폴더이며 SD 1.x, SD 2.x, SDXL을 지원합니다).

기본 모델이 설치되어 있지 않습니다. 가지고 있는 모델 폴더를 선택하세요. 프로필과 기록은 모델 없이도 사용할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a diffusers model folder</source>
        <translation>diffusers 모델 폴더 선택</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not a model folder</source>
        <translation>모델 폴더가 아닙니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading %1 (%2)…</source>
        <translation>%1 (%2) 불러오는 중…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+48"/>
        <source>Invalid PA layer set: %1</source>
        <translation>잘못된 PA 레이어 지정: %1</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Select a profile to see how profiling picks its references.</source>
        <translation>프로필을 선택하면 프로파일링이 참조를 고르는 과정을 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a profile to personalize.</source>
        <translation>개인화할 프로필을 선택하세요.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load a model to personalize.</source>
        <translation>개인화하려면 모델을 불러오세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a prompt to see its profiling.</source>
        <translation>프롬프트를 입력하면 프로파일링 결과를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a prompt to personalize it with %1.</source>
        <translation>%1(으)로 개인화할 프롬프트를 입력하세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profiling…</source>
        <translation>프로파일링 중…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>profiled in %1 ms</source>
        <translation>%1ms 만에 프로파일링함</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Load a model first (File ▸ Choose model folder…).</source>
        <translation>먼저 모델을 불러오세요 (파일 ▸ 모델 폴더 선택…).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a prompt first.</source>
        <translation>먼저 프롬프트를 입력하세요.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A sweep needs a model, a selected profile and a prompt.</source>
        <translation>스윕에는 모델, 선택한 프로필, 프롬프트가 필요합니다.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Rating and choosing need a personalized pair of the selected profile.</source>
        <translation>평점과 선택에는 선택한 프로필의 개인화 이미지 쌍이 필요합니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Rated %n star(s) and added to %1&apos;s history.</source>
        <translation>
            <numerusform>별 %n개로 평가하고 %1의 기록에 추가했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rating failed</source>
        <translation>평점 매기기 실패</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recorded: you prefer the personalized image.</source>
        <translation>기록됨: 개인화 이미지를 더 선호합니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded: you prefer the target image.</source>
        <translation>기록됨: 대상 이미지를 더 선호합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recording the choice failed</source>
        <translation>선택을 기록하지 못했습니다</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Preferences</source>
        <translation>환경설정</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The data directory and language change when FAN Studio starts next.</source>
        <translation>데이터 디렉터리와 언어는 FAN Studio를 다음에 시작할 때 바뀝니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User guide</source>
        <translation>사용자 안내서</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot open %1.</source>
        <translation>%1을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>FAN Studio user guide</source>
        <translation>FAN Studio 사용자 안내서</translation>
    </message>
</context>
<context>
    <name>fan::ui::MembersDialog</name>
    <message>
        <location filename="../ui/library/MembersDialog.cpp" line="+31"/>
        <source>&amp;Add</source>
        <translation>추가(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is a user; only groups and brands have members</source>
        <translation>&apos;%1&apos;은(는) 사용자입니다. 멤버는 그룹과 브랜드에만 있습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members of %1</source>
        <translation>%1의 멤버</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Member</source>
        <translation>멤버</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The profiles whose entries this %1 is personalized with</source>
        <translation>이 %1의 개인화에 항목이 쓰이는 프로필</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A profile to add as a member</source>
        <translation>멤버로 추가할 프로필</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the chosen profile as a member (weight 1)</source>
        <translation>선택한 프로필을 멤버로 추가 (가중치 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected members</source>
        <translation>선택한 멤버 제거</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save the members and weights</source>
        <translation>멤버와 가중치 저장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without changing anything</source>
        <translation>아무것도 바꾸지 않고 닫기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A member&apos;s weight multiplies its entries&apos; weights (0 switches the member off).</source>
        <translation>멤버의 가중치는 그 멤버 항목의 가중치에 곱해집니다 (0이면 멤버를 사용하지 않음).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Weight of %1&apos;s entries in %2 (0-10)</source>
        <translation>%2에서 %1 항목의 가중치 (0~10)</translation>
    </message>
</context>
<context>
    <name>fan::ui::PersonalizationPanel</name>
    <message>
        <location filename="../ui/workspace/PersonalizationPanel.cpp" line="+45"/>
        <source>Personalization degree α: 0 = the plain target prompt, 1 = only the references&apos; attention.</source>
        <translation>개인화 정도 α: 0 = 대상 프롬프트 그대로, 1 = 참조의 어텐션만 사용.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sample size: the share of the history profiling picks as references (0 = every entry, no profiling).</source>
        <translation>샘플 크기: 프로파일링이 참조로 고르는 기록의 비율 (0 = 모든 항목, 프로파일링 없음).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Advanced</source>
        <translation>고급</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personalized-attention options (fan-method §3); unchecked keeps the defaults shown.</source>
        <translation>개인화 어텐션 옵션 (fan-method §3). 선택하지 않으면 표시된 기본값을 유지합니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layers personalized attention runs in: all, skip-first, skip:K, or a 0-based list like 2,3,4.</source>
        <translation>개인화 어텐션을 적용할 레이어: all, skip-first, skip:K 또는 0부터 세는 목록 (예: 2,3,4).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>self</source>
        <translation>자체</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>joint</source>
        <translation>공동</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the personalized stream does outside the PA layers.</source>
        <translation>PA 레이어 밖에서 개인화 스트림이 하는 일.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>target</source>
        <translation>대상</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>empty</source>
        <translation>빈 프롬프트</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the personalized stream starts from.</source>
        <translation>개인화 스트림의 시작점.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pipeline default</source>
        <translation>파이프라인 기본값</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The negative condition of classifier-free guidance.</source>
        <translation>classifier-free guidance의 네거티브 조건.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CLIP skip: 1 = the last layer, 2 = the penultimate, …</source>
        <translation>CLIP 건너뛰기: 1 = 마지막 레이어, 2 = 끝에서 두 번째, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PA layers</source>
        <translation>PA 레이어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip mode</source>
        <translation>건너뛰기 모드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query start</source>
        <translation>쿼리 시작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG negative</source>
        <translation>CFG 네거티브</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLIP skip</source>
        <translation>CLIP 건너뛰기</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select a profile to personalize.</source>
        <translation>개인화할 프로필을 선택하세요.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample size</source>
        <translation>샘플 크기</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n reference(s) picked from %1 active entries (%2 candidates) in %3 ms.</source>
        <translation>
            <numerusform>활성 항목 %1개(후보 %2개)에서 참조 %n개를 %3ms 만에 골랐습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n reference(s): every active entry, no profiling.</source>
        <translation>
            <numerusform>참조 %n개: 모든 활성 항목 사용, 프로파일링 없음.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/workspace/PreferencesDialog.cpp" line="+25"/>
        <source>Preferences</source>
        <translation>환경설정</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default (FAN_STUDIO_DATA_DIR or the app data folder)</source>
        <translation>기본값 (FAN_STUDIO_DATA_DIR 또는 앱 데이터 폴더)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the history database and images are kept. Takes effect after a restart.</source>
        <translation>기록 데이터베이스와 이미지를 보관하는 곳입니다. 다시 시작한 뒤 적용됩니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the data directory.</source>
        <translation>데이터 디렉터리를 선택합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Data directory</source>
        <translation>데이터 디렉터리</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Model folders offered by File ▸ Recent models; remove the ones you no longer use.</source>
        <translation>파일 ▸ 최근 모델에 표시되는 모델 폴더입니다. 더 이상 쓰지 않는 폴더는 제거하세요.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a diffusers model folder.</source>
        <translation>diffusers 모델 폴더를 추가합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model folder</source>
        <translation>모델 폴더</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget the selected model folder (the files stay).</source>
        <translation>선택한 모델 폴더를 목록에서 뺍니다 (파일은 그대로 남습니다).</translation>
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
        <translation>모델이 실행되는 장치입니다. CUDA는 이 빌드와 컴퓨터에 GPU가 있을 때만 표시됩니다. 다음에 모델을 불러올 때 적용됩니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One per core</source>
        <translation>코어당 하나</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute threads for the engine.</source>
        <translation>엔진의 연산 스레드 수.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System default (%1)</source>
        <translation>시스템 기본값 (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User interface language (the installed translations). Takes effect after a restart.</source>
        <translation>사용자 인터페이스 언어 (설치된 번역). 다시 시작한 뒤 적용됩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model default</source>
        <translation>모델 기본값</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sampler the prompt area starts with.</source>
        <translation>프롬프트 영역이 처음에 사용하는 샘플러.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model folders</source>
        <translation>모델 폴더</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default sampler</source>
        <translation>기본 샘플러</translation>
    </message>
</context>
<context>
    <name>fan::ui::PreviewPanel</name>
    <message>
        <location filename="../ui/workspace/PreviewPanel.cpp" line="+16"/>
        <source>Target</source>
        <translation>대상</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The target prompt without personalization.</source>
        <translation>개인화하지 않은 대상 프롬프트.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personalized</source>
        <translation>개인화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same seed with the FAN-personalized condition.</source>
        <translation>같은 시드에 FAN으로 개인화한 조건을 적용한 결과.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Denoising steps of the running generation.</source>
        <translation>진행 중인 생성의 디노이징 단계.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running generation after its current step (Esc).</source>
        <translation>진행 중인 생성을 현재 단계가 끝나면 멈춥니다 (Esc).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live preview</source>
        <translation>실시간 미리보기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a rough preview of the image at every step.</source>
        <translation>단계마다 이미지의 대략적인 미리보기를 표시합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The runs of the last batch (seed by seed).</source>
        <translation>마지막 배치의 실행 결과 (시드별).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2 of %3): step %v/%m</source>
        <translation>%1 (%3개 중 %2): 단계 %v/%m</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run %1 (seed %2)</source>
        <translation>실행 %1 (시드 %2)</translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfileFileDialogs</name>
    <message>
        <location filename="../ui/library/ProfileFileDialogs.cpp" line="+10"/>
        <location line="+9"/>
        <source>FAN Studio profile (*%1)</source>
        <translation>FAN Studio 프로필 (*%1)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>JSON (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export profile</source>
        <translation>프로필 내보내기</translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfileListModel</name>
    <message>
        <location filename="../ui/library/ProfileListModel.cpp" line="+68"/>
        <source>user</source>
        <translation>사용자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brand</source>
        <translation>브랜드</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%1 · %n entry(s)</source>
        <translation>
            <numerusform>%1 · 항목 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> · %n member(s)</source>
        <translation>
            <numerusform> · 멤버 %n명</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfilesPanel</name>
    <message>
        <location filename="../ui/library/ProfilesPanel.cpp" line="+38"/>
        <source>Search profiles</source>
        <translation>프로필 검색</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only profiles whose name contains this text</source>
        <translation>이름에 이 텍스트가 있는 프로필만 표시</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Users, groups and brands; a group or brand personalizes with its members&apos; entries too</source>
        <translation>사용자, 그룹, 브랜드. 그룹이나 브랜드는 멤버의 항목으로도 개인화합니다</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a user, group or brand</source>
        <translation>사용자, 그룹 또는 브랜드 만들기</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>New &amp;user...</source>
        <translation>새 사용자(&amp;U)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a user profile: one person&apos;s history</source>
        <translation>사용자 프로필 만들기: 한 사람의 기록</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;group...</source>
        <translation>새 그룹(&amp;G)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a group: a library that personalizes with its members&apos; entries</source>
        <translation>그룹 만들기: 멤버의 항목으로 개인화하는 라이브러리</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;brand...</source>
        <translation>새 브랜드(&amp;B)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a brand: a preference library shared by a team</source>
        <translation>브랜드 만들기: 팀이 함께 쓰는 선호도 라이브러리</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename the selected profile</source>
        <translation>선택한 프로필의 이름 바꾸기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected profile with its entries (and members)</source>
        <translation>선택한 프로필을 항목(과 멤버)과 함께 복사</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected profile with its entries (can be undone)</source>
        <translation>선택한 프로필을 항목과 함께 삭제 (되돌릴 수 있음)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bring back the last deleted profile with everything it held</source>
        <translation>마지막으로 삭제한 프로필을 모든 내용과 함께 되살리기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Members...</source>
        <translation>멤버(&amp;M)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit the members of the selected group or brand and their weights</source>
        <translation>선택한 그룹이나 브랜드의 멤버와 가중치 편집</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not read the profiles</source>
        <translation>프로필을 읽을 수 없습니다</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Re&amp;name...</source>
        <translation>이름 바꾸기(&amp;R)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Du&amp;plicate...</source>
        <translation>복제(&amp;L)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De&amp;lete...</source>
        <translation>삭제(&amp;D)...</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+74"/>
        <source>Und&amp;o delete</source>
        <translation>삭제 취소(&amp;Z)</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Import pro&amp;file...</source>
        <translation>프로필 가져오기(&amp;I)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create profiles from exported profile files (.fanprofile.json)</source>
        <translation>내보낸 프로필 파일(.fanprofile.json)로 프로필 만들기</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Und&amp;o delete of &apos;%1&apos;</source>
        <translation>&apos;%1&apos; 삭제 취소(&amp;Z)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not create the profile</source>
        <translation>프로필을 만들 수 없습니다</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not rename the profile</source>
        <translation>프로필 이름을 바꿀 수 없습니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not duplicate the profile</source>
        <translation>프로필을 복제할 수 없습니다</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+66"/>
        <source>Could not delete the profile</source>
        <translation>프로필을 삭제할 수 없습니다</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Could not undo the delete</source>
        <translation>삭제를 취소할 수 없습니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 copy</source>
        <translation>%1 사본</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 copy %2</source>
        <translation>%1 사본 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New %1</source>
        <translation>새 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (unique across users, groups and brands):</source>
        <translation>이름 (사용자, 그룹, 브랜드 전체에서 고유해야 함):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename %1</source>
        <translation>%1 이름 바꾸기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Duplicate %1</source>
        <translation>%1 복제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the copy:</source>
        <translation>사본 이름:</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Delete the %1 &apos;%2&apos; with its %n entry(s), generations and memberships?</source>
        <translation>
            <numerusform>%1 &apos;%2&apos;을(를) 항목 %n개, 생성 기록, 멤버십과 함께 삭제하시겠습니까?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;Undo delete&quot; brings it back.</source>
        <translation>&quot;삭제 취소&quot;로 되살릴 수 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete profile</source>
        <translation>프로필 삭제</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not edit the members</source>
        <translation>멤버를 편집할 수 없습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not change the members</source>
        <translation>멤버를 변경할 수 없습니다</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not import %1:
%2</source>
        <translation>%1을(를) 가져올 수 없습니다:
%2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>&apos;%1&apos; imported from %2 with %n entry(s).</source>
        <translation>
            <numerusform>&apos;%1&apos;을(를) %2에서 가져왔습니다(항목 %n개).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+1"/>
        <source>Import report</source>
        <translation>가져오기 보고서</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import exported profiles</source>
        <translation>내보낸 프로필 가져오기</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>&apos;%1&apos; was imported, but these members are not in this library and were left out: %2</source>
        <translation>&apos;%1&apos;을(를) 가져왔지만 다음 멤버는 이 라이브러리에 없어서 제외했습니다: %2</translation>
    </message>
</context>
<context>
    <name>fan::ui::ProfilingPlot</name>
    <message>
        <location filename="../ui/workspace/ProfilingPlot.cpp" line="+42"/>
        <source>History prompts (PCA of their conditions; size = weight), the target (star), stage-1 candidates (rings) and the picks in pick order. Click a point to select its entry.</source>
        <translation>기록 프롬프트 (조건의 PCA, 크기 = 가중치), 대상 (별), 1단계 후보 (고리), 선택 순서대로 표시한 선택된 참조. 점을 클릭하면 해당 항목이 선택됩니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a profile and type a prompt to see its profiling.</source>
        <translation>프로필을 선택하고 프롬프트를 입력하면 프로파일링 결과를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>history</source>
        <translation>기록</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>candidates</source>
        <translation>후보</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>picks</source>
        <translation>선택된 참조</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>target</source>
        <translation>대상</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PC 1 (%1%)</source>
        <translation>주성분 1 (%1%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PC 2 (%1%)</source>
        <translation>주성분 2 (%1%)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1
weight %2</source>
        <translation>%1
가중치 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
pick %1</source>
        <translation>
선택 %1</translation>
    </message>
</context>
<context>
    <name>fan::ui::PromptPanel</name>
    <message>
        <location filename="../ui/workspace/PromptPanel.cpp" line="+49"/>
        <source>Describe the image (the target prompt)</source>
        <translation>이미지를 설명하세요 (대상 프롬프트)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The target prompt. With a profile selected it is personalized with the profile&apos;s history.</source>
        <translation>대상 프롬프트입니다. 프로필을 선택하면 그 프로필의 기록으로 개인화됩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Negative prompt (optional)</source>
        <translation>네거티브 프롬프트 (선택 사항)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the image should not show; empty uses the pipeline&apos;s default.</source>
        <translation>이미지에 나오지 않아야 할 내용입니다. 비워 두면 파이프라인의 기본값을 사용합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The diffusers folder images are generated with, and its pipeline family.</source>
        <translation>이미지를 생성하는 diffusers 폴더와 그 파이프라인 계열.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model…</source>
        <translation>모델…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a diffusers Stable Diffusion folder (SD 1.x, SD 2.x or SDXL).</source>
        <translation>diffusers 형식의 Stable Diffusion 폴더를 선택합니다 (SD 1.x, SD 2.x 또는 SDXL).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model default</source>
        <translation>모델 기본값</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sampler (scheduler). &apos;Model default&apos; uses the folder&apos;s own.</source>
        <translation>샘플러 (스케줄러). &apos;모델 기본값&apos;은 폴더에 지정된 것을 사용합니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Denoising steps.</source>
        <translation>디노이징 단계 수.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Classifier-free guidance scale; 1 or less runs without the negative.</source>
        <translation>가이던스 (CFG) 강도. 1 이하이면 네거티브 없이 실행합니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image width; a multiple of the model&apos;s VAE factor.</source>
        <translation>이미지 너비. 모델 VAE 배율의 배수입니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image height; a multiple of the model&apos;s VAE factor.</source>
        <translation>이미지 높이. 모델 VAE 배율의 배수입니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Random seed: the same seed and settings give the same image.</source>
        <translation>난수 시드: 같은 시드와 설정이면 같은 이미지가 나옵니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep this seed for the next runs (unlocked: a new random seed per run).</source>
        <translation>다음 실행에도 이 시드를 유지합니다 (잠금 해제: 실행마다 새 난수 시드).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>새로</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a new random seed now.</source>
        <translation>지금 새 난수 시드를 고릅니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Batch count: runs with seeds seed, seed+1, …</source>
        <translation>배치 수: 시드, 시드+1, …로 실행합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate the target and the personalized image with one seed (Ctrl+Enter).</source>
        <translation>같은 시드로 대상 이미지와 개인화 이미지를 생성합니다 (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>네거티브</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sampler</source>
        <translation>샘플러</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>W</source>
        <translation>너비</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>H</source>
        <translation>높이</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Drop a PNG made by FAN Studio or another Stable Diffusion tool here to reuse its settings.</source>
        <translation>FAN Studio나 다른 Stable Diffusion 도구로 만든 PNG를 여기에 끌어다 놓으면 그 설정을 다시 사용합니다.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 holds no generation parameters.</source>
        <translation>%1에는 생성 매개변수가 없습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings from %1: %2.</source>
        <translation>%1에서 가져온 설정: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>negative prompt</source>
        <translation>네거티브 프롬프트</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sampler</source>
        <translation>샘플러</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>guidance</source>
        <translation>가이던스</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>seed</source>
        <translation>시드</translation>
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
%2, 기본 샘플러 %3, %4×%5</translation>
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
        <translation>이미지</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rating</source>
        <translation>평점</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+86"/>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+87"/>
        <source>Exclude</source>
        <translation>제외</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>The references profiling picked, in pick order. Each weight slider changes that reference&apos;s share of the personalized condition.</source>
        <translation>프로파일링이 고른 참조를 선택 순서대로 보여 줍니다. 각 가중치 슬라이더는 개인화 조건에서 그 참조가 차지하는 비중을 바꿉니다.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick order</source>
        <translation>선택 순서</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The entry&apos;s image</source>
        <translation>항목의 이미지</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No image</source>
        <translation>이미지 없음</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Rated %n star(s)</source>
        <translation>
            <numerusform>별 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not rated</source>
        <translation>평점 없음</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>This reference&apos;s weight (%1); 0 switches it off.</source>
        <translation>이 참조의 가중치 (%1). 0이면 사용하지 않습니다.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Only stored history entries can be pinned or excluded.</source>
        <translation>저장된 기록 항목만 고정하거나 제외할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Always use this entry as a reference (profile again).</source>
        <translation>이 항목을 항상 참조로 사용합니다 (다시 프로파일링).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave this entry out of profiling (profile again).</source>
        <translation>이 항목을 프로파일링에서 제외합니다 (다시 프로파일링).</translation>
    </message>
</context>
<context>
    <name>fan::ui::SweepPanel</name>
    <message>
        <location filename="../ui/workspace/SweepPanel.cpp" line="+40"/>
        <source>First alpha of the sweep.</source>
        <translation>스윕의 첫 알파 값.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last alpha of the sweep (included).</source>
        <translation>스윕의 마지막 알파 값 (포함).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alpha step between images.</source>
        <translation>이미지 사이의 알파 간격.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run sweep</source>
        <translation>스윕 실행</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate one personalized image per alpha with the prompt area&apos;s seed and settings.</source>
        <translation>프롬프트 영역의 시드와 설정으로 알파마다 개인화 이미지를 하나씩 생성합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the sweep after the current step.</source>
        <translation>현재 단계가 끝나면 스윕을 멈춥니다.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Personalized images by alpha. Click one to use its alpha.</source>
        <translation>알파별 개인화 이미지입니다. 이미지를 클릭하면 그 알파 값을 사용합니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cosine of each alpha&apos;s personalized condition (token-averaged) to the target&apos;s and to the references&apos; weighted mean.</source>
        <translation>각 알파의 개인화 조건(토큰 평균)과 대상 조건, 참조의 가중 평균 사이의 코사인.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>alpha</source>
        <translation>알파</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine</source>
        <translation>코사인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to target</source>
        <translation>대상과</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to references</source>
        <translation>참조와</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>judged %</source>
        <translation>판정 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>target fidelity</source>
        <translation>대상 충실도</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>preference alignment</source>
        <translation>선호 일치도</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>step</source>
        <translation>간격</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>Judged over %n image(s): target fidelity %1, preference alignment %2.</source>
        <translation>
            <numerusform>이미지 %n개로 판정: 대상 충실도 %1, 선호 일치도 %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fan::ui::WeightDelegate</name>
    <message>
        <location filename="../ui/library/HistoryDelegates.cpp" line="+97"/>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A weight &gt;= 0 (0 switches the entry off); leave empty for automatic</source>
        <translation>0 이상의 가중치 (0이면 항목을 사용하지 않음). 자동이면 비워 두세요</translation>
    </message>
</context>
</TS>
