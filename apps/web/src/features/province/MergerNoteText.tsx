import { useQuery } from '@tanstack/react-query';
import type { UnitDetailResponse } from '@mttq/core';
import { unitDetailQuery } from '../../api/queries';
import { useLocale, useMessages } from '../../i18n/locale';
import { mergerNote, mergerNoteText, successorToCheck } from './merger-note';
import { provinceMessages } from './messages';

/**
 * A unit's merger note as a sentence: "Gồm tỉnh Quảng Ngãi và tỉnh Kon Tum (cũ)", "Nay thuộc tỉnh
 * Quảng Ngãi", "Không sáp nhập (…)". For a legacy63 unit with one successor, the successor's own
 * links tell whether others were merged into it (one more request, shared with other screens).
 */
export function MergerNoteText({ detail, className }: { detail: UnitDetailResponse; className?: string }) {
  const { locale } = useLocale();
  const m = useMessages(provinceMessages);
  const successor = successorToCheck(detail);
  const successorDetail = useQuery({ ...unitDetailQuery(successor?.scheme ?? 'reform34', successor?.code ?? ''), enabled: successor !== null });
  const note = mergerNote(detail, successor ? successorDetail.data?.formerly : undefined);
  return <p className={className ? `merger-note ${className}` : 'merger-note'}>{mergerNoteText(note, m, locale)}</p>;
}
