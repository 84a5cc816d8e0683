import { useState } from 'react';
import { useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import { redBag as say } from '../content/red-bag.ts';
import { BigButton, BigLink, IdeaLine, Ideas, Screen } from '../parts.tsx';

/** Print the Red Bag, or show its code on the screen for the crew. */
export function EasyRedBag() {
  const { recordId } = useSession();
  const [showCode, setShowCode] = useState(false);
  if (!recordId) return <p role="status">{common.loading}</p>;
  if (showCode) {
    return (
      <Screen title={say.codeTitle} symbol="code">
        <IdeaLine idea={say.codeNote} />
        <div className="redbag-fullscreen">
          <img src={`/red-bag/${recordId}/qr.svg`} alt={say.codeAlt} />
        </div>
        <BigButton primary text={say.closeCode} symbol="no" onClick={() => setShowCode(false)} />
      </Screen>
    );
  }
  return (
    <Screen title={say.title} symbol="bag">
      <Ideas ideas={say.about} />
      <BigLink href={`/red-bag/${recordId}/print?size=a4`} text={say.printPage.text} symbol={say.printPage.symbol} newTab={say.newTab} />
      <BigLink href={`/red-bag/${recordId}/print?size=wallet`} text={say.printCard.text} symbol={say.printCard.symbol} newTab={say.newTab} />
      <BigButton text={say.showCode.text} symbol={say.showCode.symbol} onClick={() => setShowCode(true)} />
      <IdeaLine idea={say.crewSees} />
      <IdeaLine idea={say.keepUp} />
      <BigLink href="/home" text={common.home} symbol="home" />
    </Screen>
  );
}
