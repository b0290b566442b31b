// Display helpers: prices as dollars, product names split from their pack size ("House Blend, 250 g ground").
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const money = (amount: number) => dollars.format(amount);

export function productName(description: string): { name: string; detail: string | undefined } {
  const comma = description.indexOf(', ');
  return comma < 0 ? { name: description, detail: undefined } : { name: description.slice(0, comma), detail: description.slice(comma + 2) };
}

export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
