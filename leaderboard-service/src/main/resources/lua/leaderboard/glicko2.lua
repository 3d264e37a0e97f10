-- Glicko-2 (Glickman, "Example of the Glicko-2 system", 2013): one rating period for one player.
-- A helper library; the scripts that rate are concatenated after it.
--
-- glicko2(player, games, tau) -> {rating, deviation, volatility}
--   player  {rating, deviation, volatility} before the period, on the Glicko scale (1500, 350, 0.06)
--   games   a list of {rating, deviation, score}: each opponent as it stood before the period,
--           score 1 for a win, 0 for a loss, 0.5 for a draw
--   tau     how much the volatility may change (0.3 to 1.2; smaller is steadier)
-- A player without games keeps rating and volatility; only the deviation grows.
local SCALE = 173.7178
local EPSILON = 0.000001
-- The volatility search converges in well under 30 steps; the bound keeps a script's run time bounded.
local MAX_STEPS = 100

local function g(phi)
  return 1 / math.sqrt(1 + 3 * phi * phi / (math.pi * math.pi))
end

local function glicko2(player, games, tau)
  local mu = (player.rating - 1500) / SCALE
  local phi = player.deviation / SCALE
  local sigma = player.volatility
  if #games == 0 then
    return { rating = player.rating, deviation = math.sqrt(phi * phi + sigma * sigma) * SCALE, volatility = sigma }
  end

  local inverse_v, sum = 0, 0
  for _, game in ipairs(games) do
    local g_j = g(game.deviation / SCALE)
    local expected = 1 / (1 + math.exp(-g_j * (mu - (game.rating - 1500) / SCALE)))
    inverse_v = inverse_v + g_j * g_j * expected * (1 - expected)
    sum = sum + g_j * (game.score - expected)
  end
  local v = 1 / inverse_v
  local delta = v * sum

  local a = math.log(sigma * sigma)
  local function f(x)
    local ex = math.exp(x)
    local d = phi * phi + v + ex
    return ex * (delta * delta - phi * phi - v - ex) / (2 * d * d) - (x - a) / (tau * tau)
  end
  local A, B = a, nil
  if delta * delta > phi * phi + v then
    B = math.log(delta * delta - phi * phi - v)
  else
    local k = 1
    while f(a - k * tau) < 0 and k < MAX_STEPS do k = k + 1 end
    B = a - k * tau
  end
  local fA, fB = f(A), f(B)
  local steps = 0
  while math.abs(B - A) > EPSILON and steps < MAX_STEPS do
    local C = A + (A - B) * fA / (fB - fA)
    local fC = f(C)
    if fC * fB <= 0 then
      A, fA = B, fB
    else
      fA = fA / 2
    end
    B, fB = C, fC
    steps = steps + 1
  end
  local volatility = math.exp(A / 2)

  local phi_star = math.sqrt(phi * phi + volatility * volatility)
  local phi_new = 1 / math.sqrt(1 / (phi_star * phi_star) + 1 / v)
  local mu_new = mu + phi_new * phi_new * sum
  return { rating = SCALE * mu_new + 1500, deviation = SCALE * phi_new, volatility = volatility }
end
