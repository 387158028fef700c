// The pricing module (运价): service products, published and agreement rate cards, the zone matrix and
// quotes. Pages are loaded when first opened. Two parts are for other screens to place (the contract
// editor puts them side by side):
//   <RateCardGrid cardId={id} editable />          the card as a grid, edited in place while a draft
//   <LiveQuote customerId={c} product="standard" cardId={id} />   a quote priced as it is typed
// Both are lazy: they need a <Suspense> above them (the frame has one around every page).
import { CalculatorOutlined, TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

export type { RateCardGridProps } from './RateCardGrid';
export type { LiveQuoteProps } from './LiveQuote';
export const RateCardGrid = lazy(() => import('./RateCardGrid').then((m) => ({ default: m.RateCardGrid })));
export const LiveQuote = lazy(() => import('./LiveQuote').then((m) => ({ default: m.LiveQuote })));

const PricingHome = lazy(() => import('./PricingHome').then((m) => ({ default: m.PricingHome })));
const CardPage = lazy(() => import('./CardPage').then((m) => ({ default: m.CardPage })));
const QuotePage = lazy(() => import('./QuotePage').then((m) => ({ default: m.QuotePage })));

export const pricingModule: ConsoleModule = {
  name: 'pricing',
  audience: 'staff',
  menu: [
    { path: '/pricing', label: 'nav.pricing', icon: <TableOutlined />, permission: 'rate_cards.read', testId: 'nav-pricing' },
    { path: '/quote', label: 'nav.quote', icon: <CalculatorOutlined />, permission: 'quotes.create', testId: 'nav-quote' },
  ],
  routes: [
    { path: '/pricing', element: <PricingHome />, permission: 'rate_cards.read', title: 'pricing.title' },
    { path: '/pricing/cards/:id', element: <CardPage />, permission: 'rate_cards.read', title: 'pricing.card.title' },
    { path: '/quote', element: <QuotePage />, permission: 'quotes.create', title: 'pricing.quote.title' },
  ],
};
