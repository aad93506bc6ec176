/**
 * What each kind of slide draws, in slide pixels (1920×1080). Slides are text-first: every
 * figure a chart shows is also written on the slide or in its screen-reader table.
 */
import { fill, type Locale } from '../../i18n/messages';
import type { BriefingFooter, Slide } from './briefing';
import { LEVEL_STROKE, RegionBars, TrendLines } from './SlideCharts';
import { BACKCAST_STYLE, basisMessages } from '../../components/basis-series';
import { hasBackCast } from '../overview/timeline-series';
import { SlideMap, SlideMapCredit } from './SlideMap';
import { bucketColor } from './TileMap';

/** Room for a slide's content between its title and its footer, in slide pixels. */
const BODY_WIDTH = 1728;
const BODY_HEIGHT = 700;
/** The map slide's map: the whole height between the title and the footer. */
const MAP_HEIGHT = 772;
const MAP_WIDTH = 700;

function Bar({ share }: { share: number | null }) {
  return (
    <span className="bar" aria-hidden="true">
      <span className="bar-fill" style={{ width: `${Math.round((share ?? 0) * 1000) / 10}%` }} />
    </span>
  );
}

function SrTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: ReadonlyArray<readonly string[]> }) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SlideBody({ slide, locale, headingId }: { slide: Slide; locale: Locale; headingId: string }) {
  switch (slide.kind) {
    case 'title':
      return (
        <div className="slide-title-page">
          <p className="org">{slide.org}</p>
          <h2 id={headingId} className="briefing-title">
            {slide.title}
          </h2>
          <p className="date-line">{slide.dateLine}</p>
          {slide.lines.map((line) => (
            <p key={line} className="title-line">
              {line}
            </p>
          ))}
        </div>
      );
    case 'headline':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <div className="headline">
            <p className="headline-figure">
              <span className="figure">{slide.figure}</span> <span className="units">{slide.units}</span>
            </p>
            <p className="headline-lead">{slide.lead}</p>
            <ul className="headline-others">
              {slide.others.map((other) => (
                <li key={other}>{other}</li>
              ))}
            </ul>
          </div>
        </>
      );
    case 'levels':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <ul className="level-rows">
            {slide.rows.map((row) => (
              <li key={row.level}>
                <span className="level-label">{row.label}</span>
                <span className="level-fraction">{row.fraction}</span>
                <Bar share={row.share} />
                <span className="level-share">{row.coveredText}</span>
                <span className="level-verified">{row.verifiedText}</span>
              </li>
            ))}
          </ul>
        </>
      );
    case 'map':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <div className="map-slide">
            <SlideMap scheme={slide.scheme} tiles={slide.tiles} width={MAP_WIDTH} height={MAP_HEIGHT} />
            <div className="map-legend">
              <p className="legend-title">{slide.legendTitle}</p>
              <ul>
                {slide.legend.map((entry) => (
                  <li key={entry.label}>
                    <span className={entry.bucket === null ? 'swatch no-data' : 'swatch'} style={{ background: bucketColor(entry.bucket) }} aria-hidden="true" />
                    <span className="legend-label">{entry.label}</span>
                    <span className="legend-count">{entry.count}</span>
                  </li>
                ))}
              </ul>
              {slide.classesNote && <p className="map-classes-note">{slide.classesNote}</p>}
              <p className="map-summary">{slide.summary}</p>
              <SlideMapCredit scheme={slide.scheme} />
            </div>
            <SrTable caption={slide.legendTitle} columns={slide.table.columns} rows={slide.table.rows} />
          </div>
        </>
      );
    case 'regions':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <div className="chart" aria-hidden="true">
            <RegionBars rows={slide.rows.map((row) => ({ short: row.short, share: row.share, label: `${row.shareText} (${row.detail})` }))} width={BODY_WIDTH} height={BODY_HEIGHT - 40} />
          </div>
          <SrTable caption={slide.title} columns={slide.table.columns} rows={slide.table.rows} />
        </>
      );
    case 'ranking':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <p className="slide-note">{slide.note}</p>
          {slide.empty ? (
            <p className="slide-empty">{slide.empty}</p>
          ) : (
            <div className="ranking-columns">
              {[
                { key: 'ahead', rows: slide.ahead, heading: slide.aheadTitle },
                { key: 'behind', rows: slide.behind, heading: slide.behindTitle },
              ].map(({ key, rows, heading }) => (
                <div key={key} className={`ranking ${key}`}>
                  <h3>{heading}</h3>
                  <ol>
                    {rows.map((row) => (
                      <li key={row.rank + row.name}>
                        <span className="rank">{row.rank}</span>
                        <span className="name">{row.name}</span>
                        <span className="share">{row.shareText}</span>
                        <span className="fraction">{row.fraction}</span>
                      </li>
                    ))}
                  </ol>
                </div>
              ))}
            </div>
          )}
        </>
      );
    case 'trend':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          {slide.empty ? (
            <p className="slide-empty">{slide.empty}</p>
          ) : (
            <div className="trend-slide">
              <div className="chart" aria-hidden="true">
                <TrendLines series={slide.series} locale={locale} eventLabels={slide.eventLabels} width={1100} height={BODY_HEIGHT} />
              </div>
              <ul className="trend-lines">
                {slide.lines.map((line) => (
                  <li key={line.level}>
                    <svg className="line-key" width="72" height="24" aria-hidden="true" focusable="false">
                      <line x1="0" y1="12" x2="72" y2="12" stroke={LEVEL_STROKE[line.level].color} strokeWidth="6" strokeDasharray={LEVEL_STROKE[line.level].dash} />
                    </svg>
                    <span>
                      <strong>{line.label}</strong>
                      <br />
                      {line.change}
                    </span>
                  </li>
                ))}
                {hasBackCast(slide.series) && (
                  <li className="backcast-key">
                    <svg className="line-key" width="72" height="24" aria-hidden="true" focusable="false">
                      <line x1="0" y1="12" x2="72" y2="12" stroke="#555e6b" strokeOpacity={BACKCAST_STYLE.opacity} strokeWidth="6" strokeDasharray="16 10" />
                    </svg>
                    <span>{basisMessages[locale].legend}</span>
                  </li>
                )}
              </ul>
              <SrTable caption={slide.title} columns={slide.table.columns} rows={slide.table.rows} />
            </div>
          )}
        </>
      );
    case 'activity':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <p className="activity-note">{slide.note}</p>
          <ul className="activity">
            {slide.items.map((item) => (
              <li key={item.label}>
                <span className="value">{item.value}</span>
                <span className="label">{item.label}</span>
                <span className="change">{item.change}</span>
              </li>
            ))}
          </ul>
        </>
      );
    case 'province':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <p className="province-rank">{slide.rank}</p>
          <ul className="province-figures">
            {slide.figures.map((figure) => (
              <li key={figure.fraction}>
                <span className="fraction">{figure.fraction}</span>
                <span className="share">{figure.share}</span>
              </li>
            ))}
          </ul>
          <p className="province-self">{slide.self}</p>
        </>
      );
    case 'districts':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          <p className="slide-note">{slide.note}</p>
          <ul className="unit-bars">
            {slide.rows.map((row) => (
              <li key={row.name}>
                <span className="name">{row.name}</span>
                <Bar share={row.share} />
                <span className="share">
                  {row.shareText} <span className="fraction">({row.fraction})</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      );
    case 'communes':
      return (
        <>
          <h2 id={headingId}>{slide.title}</h2>
          {slide.note && <p className="slide-note">{slide.note}</p>}
          <ul className="commune-names">
            {slide.names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          {slide.more && <p className="slide-note">{slide.more}</p>}
        </>
      );
  }
}

/** The as-of date, the source (or the snapshot), the demo mark and the slide number, on every slide. */
function SlideFooter({ footer, number, total, counter }: { footer: BriefingFooter; number: number; total: number; counter: string }) {
  return (
    <footer className="slide-footer">
      <div className="footer-text">
        <p>
          <strong>{footer.asOf}</strong>
          {footer.snapshot && <> · {footer.snapshot}</>}
        </p>
        <p>{footer.source}</p>
      </div>
      {footer.demo && <p className="demo-mark">{footer.demo}</p>}
      <p className="slide-number" aria-hidden="true">
        {fill(counter, { n: number, total })}
      </p>
    </footer>
  );
}

export interface SlideFrameProps {
  slide: Slide;
  number: number;
  total: number;
  isCurrent: boolean;
  footer: BriefingFooter;
  locale: Locale;
  counter: string;
  roleDescription: string;
}

/** One slide at 1920×1080 inside a frame of the scaled size; only the current one shows on screen, all print. */
export function SlideFrame({ slide, number, total, isCurrent, footer, locale, counter, roleDescription }: SlideFrameProps) {
  const headingId = `slide-${slide.id}-title`;
  return (
    <div className={isCurrent ? 'slide-frame current' : 'slide-frame'}>
      <section className={`slide slide-${slide.kind}`} role="group" aria-roledescription={roleDescription} aria-labelledby={headingId} data-slide={number}>
        <div className="slide-body">
          <SlideBody slide={slide} locale={locale} headingId={headingId} />
        </div>
        <SlideFooter footer={footer} number={number} total={total} counter={counter} />
      </section>
    </div>
  );
}
